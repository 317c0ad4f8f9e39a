using NetTopologySuite.Geometries;
using static TigerImport.Samples.Vintage2024.Nad83Shapes;

namespace TigerImport.Samples.Vintage2024;

/// <summary>Coarse, hand-drawn outlines near the real places, shared by the layers that nest inside each other.</summary>
/// <remarks>Invented for the samples (a few vertices each); no Census coordinates were copied.</remarks>
internal static class Outlines2024
{
    public static Polygon NewMexico { get; } = Polygon(
        -109.050, 31.332, -108.208, 31.333, -108.208, 31.784, -106.528, 31.784, -106.620, 32.001,
        -103.064, 32.001, -103.042, 36.500, -103.002, 37.000, -109.045, 37.000);

    public static Polygon DonaAnaCounty { get; } = Polygon(
        -107.300, 32.780, -106.340, 32.780, -106.378, 32.001, -106.620, 32.001, -106.528, 31.784, -107.297, 31.784);

    public static Polygon RioArribaCounty { get; } = Polygon(
        -107.630, 37.000, -106.000, 37.000, -105.730, 36.330, -106.070, 36.000, -106.700, 36.050, -107.630, 36.200);

    public static Polygon HawaiiIsland { get; } = Polygon(
        -155.880, 20.250, -155.200, 20.120, -154.810, 19.510, -155.620, 18.910, -155.980, 19.280, -156.060, 19.730);

    // Two offshore islets make Hawaiʻi County a multi-part polygon.
    public static Polygon HiloIslet { get; } = Polygon(-154.930, 19.800, -154.920, 19.805, -154.915, 19.798, -154.925, 19.794);

    public static Polygon KonaIslet { get; } = Polygon(-156.090, 19.650, -156.082, 19.655, -156.078, 19.648, -156.086, 19.644);

    public static Polygon Maui { get; } = Polygon(-156.690, 21.010, -156.240, 20.950, -155.980, 20.720, -156.420, 20.580, -156.690, 20.800);

    public static Polygon Molokai { get; } = Polygon(-157.310, 21.220, -156.710, 21.160, -156.730, 21.050, -157.260, 21.080);

    public static Polygon Oahu { get; } = Polygon(-158.280, 21.580, -157.980, 21.710, -157.650, 21.310, -157.950, 21.260, -158.230, 21.330);

    // Oahu split along a line from (-158.04, 21.67) to (-158.06, 21.29) for the two congressional districts.
    public static Polygon OahuEast { get; } = Polygon(-158.040, 21.670, -157.980, 21.710, -157.650, 21.310, -157.950, 21.260, -158.060, 21.290);

    public static Polygon OahuWest { get; } = Polygon(-158.280, 21.580, -158.040, 21.670, -158.060, 21.290, -158.230, 21.330);

    public static Polygon Kauai { get; } = Polygon(-159.790, 22.060, -159.530, 22.230, -159.290, 22.080, -159.430, 21.870, -159.700, 21.930);

    public static Polygon PuertoRicoMainIsland { get; } = Polygon(
        -67.270, 18.370, -66.500, 18.480, -65.620, 18.380, -65.600, 18.020, -66.170, 17.930, -67.180, 17.950);

    public static Polygon Vieques { get; } = Polygon(-65.580, 18.120, -65.290, 18.140, -65.270, 18.090, -65.570, 18.080);

    // Isla de Mona and Monito belong to Mayagüez Municipio, which makes it multi-part.
    public static Polygon Mona { get; } = Polygon(-67.940, 18.120, -67.870, 18.110, -67.860, 18.060, -67.920, 18.050);

    public static Polygon Monito { get; } = Polygon(-68.000, 18.160, -67.995, 18.162, -67.993, 18.157, -67.998, 18.155);

    public static Polygon AnascoMunicipio { get; } = Polygon(
        -67.225, 18.330, -67.120, 18.350, -67.030, 18.300, -67.060, 18.230, -67.170, 18.240, -67.190, 18.265);

    public static Polygon MayaguezMainland { get; } = Polygon(
        -67.190, 18.265, -67.170, 18.240, -67.060, 18.230, -67.030, 18.150, -67.110, 18.100, -67.180, 18.150, -67.200, 18.210);
}
