namespace DriveSync.Sanitization.Pdf;

/// <summary>A PDF transformation matrix [a b c d e f] (row-vector convention: p' = p × M).</summary>
internal readonly record struct Matrix2D(double A, double B, double C, double D, double E, double F)
{
    public static Matrix2D Identity { get; } = new(1, 0, 0, 1, 0, 0);

    public static Matrix2D Translation(double x, double y) => new(1, 0, 0, 1, x, y);

    /// <summary>This × <paramref name="other"/>: first this transformation, then <paramref name="other"/>.</summary>
    public Matrix2D Multiply(Matrix2D other) => new(
        (A * other.A) + (B * other.C),
        (A * other.B) + (B * other.D),
        (C * other.A) + (D * other.C),
        (C * other.B) + (D * other.D),
        (E * other.A) + (F * other.C) + other.E,
        (E * other.B) + (F * other.D) + other.F);

    public (double X, double Y) Transform(double x, double y) => ((x * A) + (y * C) + E, (x * B) + (y * D) + F);
}
