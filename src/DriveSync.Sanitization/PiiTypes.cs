namespace DriveSync.Sanitization;

/// <summary>Names of the built-in PII types; used in markers (<c>[SSN]</c>), counts and <see cref="SanitizerOptions.Modes"/>.</summary>
public static class PiiTypes
{
    public const string Ssn = "SSN";
    public const string Itin = "ITIN";
    public const string Ein = "EIN";
    public const string Email = "EMAIL";
    public const string Phone = "PHONE";
    public const string Card = "CARD";
    public const string Iban = "IBAN";
    public const string Routing = "ROUTING";
    public const string Account = "ACCOUNT";
    public const string IpAddress = "IP";
    public const string DateOfBirth = "DOB";
    public const string Passport = "PASSPORT";
    public const string DriverLicense = "DRIVER_LICENSE";
    public const string Mbi = "MBI";
    public const string Name = "NAME";
    public const string Address = "ADDRESS";

    /// <summary>Every built-in type.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Ssn, Itin, Ein, Email, Phone, Card, Iban, Routing, Account, IpAddress, DateOfBirth, Passport, DriverLicense, Mbi, Name, Address];
}
