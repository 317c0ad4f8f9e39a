using TigerImport.Import.Policies;

namespace TigerImport.Tests.Integrity;

public sealed class RejectBudgetTests
{
    [Theory]
    [InlineData("0.5%,10", 400, 10)]
    [InlineData("0.5%,10", 10_000, 50)]
    [InlineData("25", 10_000, 25)]
    [InlineData("2%", 1_000, 20)]
    [InlineData("0", 1_000, 0)]
    [InlineData(" 10 , 1% ", 5_000, 50)]
    public void The_limit_is_the_larger_of_the_count_and_the_share(string text, long records, long limit) =>
        Assert.Equal(limit, RejectBudget.Parse(text).LimitFor(records));

    [Fact]
    public void Unlimited_has_no_limit() => Assert.Equal(long.MaxValue, RejectBudget.Parse("UNLIMITED").LimitFor(10));

    [Fact]
    public void The_default_is_half_a_percent_or_ten_features() => Assert.Equal("0.5%,10", RejectBudget.Default.Text);

    [Theory]
    [InlineData("")]
    [InlineData("ten")]
    [InlineData("-3")]
    [InlineData("101%")]
    [InlineData("1%,2%")]
    [InlineData("5,6")]
    [InlineData("none")]
    public void Anything_else_is_a_usage_error_showing_the_forms(string text)
    {
        var error = Assert.Throws<TigerImportException>(() => RejectBudget.Parse(text));

        Assert.Equal(FailureKind.Usage, error.Kind);
        Assert.Contains("0.5%,10", error.Message);
    }
}
