namespace DriveSync.Sanitization.Detection;

/// <summary>What the nearest label before a candidate says it is.</summary>
internal enum ContextKind
{
    None,
    Ssn,
    Itin,
    Ein,
    Routing,
    Account,
    Passport,
    DriverLicense,
    DateOfBirth,
    Phone,
    Card,
    NotPii,
}
