namespace TigerImport.Tests.Support;

/// <summary>Database tests share one database per run; each test class works in schemas of its own.</summary>
[CollectionDefinition(Name)]
public sealed class PostgisCollection : ICollectionFixture<PostgisServer>
{
    public const string Name = "PostGIS";
}
