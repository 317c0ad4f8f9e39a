using System.Text;
using TigerImport.Archive;

namespace TigerImport.Tests.Archive;

public sealed class DbfEncodingTests
{
    [Theory]
    [InlineData("UTF-8", "utf-8")]
    [InlineData("utf8", "utf-8")]
    [InlineData("65001", "utf-8")]
    [InlineData("ISO-8859-1", "iso-8859-1")]
    [InlineData("88591", "iso-8859-1")]
    [InlineData("ANSI 1252", "windows-1252")]
    [InlineData("1252", "windows-1252")]
    public void Reads_what_a_cpg_says(string cpg, string expected) =>
        Assert.Equal(expected, DbfEncoding.Resolve(cpg, 0x00, 2010, "t.zip").Name);

    [Fact]
    public void The_cpg_wins_then_the_language_driver_then_the_vintage()
    {
        Assert.Equal((".cpg", "utf-8"), Describe(DbfEncoding.Resolve("UTF-8", 0x57, 2010, "t.zip")));
        Assert.Equal(("dbf language driver", "windows-1252"), Describe(DbfEncoding.Resolve(null, 0x57, 2020, "t.zip")));
        Assert.Equal(("vintage", "iso-8859-1"), Describe(DbfEncoding.Resolve(null, 0x00, 2014, "t.zip")));
        Assert.Equal(("vintage", "utf-8"), Describe(DbfEncoding.Resolve(" ", 0x00, 2015, "t.zip")));
    }

    [Fact]
    public void Bytes_that_do_not_decode_become_a_counted_replacement_character()
    {
        var encoding = DbfEncoding.Resolve("UTF-8", 0, 2020, "t.zip");

        var garbled = encoding.Encoding.GetString(Encoding.Latin1.GetBytes("Cañon City, Española"));

        Assert.Equal("Ca\uFFFDon City, Espa\uFFFDola", garbled);
        Assert.Equal(2, DbfEncoding.CountUndecodable(garbled));
        Assert.Equal(0, DbfEncoding.CountUndecodable(encoding.Encoding.GetString(Encoding.UTF8.GetBytes("Cañon City"))));
    }

    [Fact]
    public void An_unknown_cpg_is_a_data_error() =>
        Assert.Equal(FailureKind.Data, Assert.Throws<TigerImportException>(() => DbfEncoding.Resolve("KLINGON-9", 0, 2020, "t.zip")).Kind);

    private static (string, string) Describe(DbfEncoding encoding) => (encoding.Origin, encoding.Name);
}
