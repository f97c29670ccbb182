using DriveSync.Sanitization.Detection;

namespace DriveSync.Sanitization.Tests;

/// <summary>Labels carrying a qualifier — <c>Label (XX) #:</c>, <c>Label No.</c> — label their value like the bare label does.</summary>
public sealed class LabelQualifierTests
{
    private static readonly PiiDetector Detector = new();

    public static TheoryData<string, string, string> Qualified => new()
    {
        { "Driver's License (IL) #: M935-0602-3290", "M935-0602-3290", PiiTypes.DriverLicense },
        { "Driver License No. D1234567", "D1234567", PiiTypes.DriverLicense },
        { "DL (CA) #: D1234567", "D1234567", PiiTypes.DriverLicense },
        { "DLN No. 123456789012", "123456789012", PiiTypes.DriverLicense },
        { "Driver's License (WA) No.: WDLABCD456DG", "WDLABCD456DG", PiiTypes.DriverLicense },
        { "License (NY) #: 123-456-789", "123-456-789", PiiTypes.DriverLicense },
        { "Passport (US) #: 912345678", "912345678", PiiTypes.Passport },
        { "Passport No. A12345678", "A12345678", PiiTypes.Passport },
        { "SSN (primary) #: 078051120", "078051120", PiiTypes.Ssn },
        { "SSN No. 078051120", "078051120", PiiTypes.Ssn },
        { "ITIN No. 912701234", "912701234", PiiTypes.Itin },
        { "EIN (employer) No. 123456789", "123456789", PiiTypes.Ein },
        { "Account No. 12345678", "12345678", PiiTypes.Account },
        { "Account (checking) #: 000123456789", "000123456789", PiiTypes.Account },
        { "Routing (ABA) No. 021000021", "021000021", PiiTypes.Routing },
        { "Phone (home) #: 2125550100", "2125550100", PiiTypes.Phone },
        { "Phone No. 2125550100", "2125550100", PiiTypes.Phone },
        { "DOB (mm/dd/yyyy): 04/12/1985", "04/12/1985", PiiTypes.DateOfBirth },
        { "Name (legal): Jane Roe\n", "Jane Roe", PiiTypes.Name },
        { "Full Name (print): Jane Roe\n", "Jane Roe", PiiTypes.Name },
        { "Patient Name (as on card) : Ana Lopez\n", "Ana Lopez", PiiTypes.Name },
        { "Name #: Jane Roe\n", "Jane Roe", PiiTypes.Name },
        { "Employee No.: 123 — Name (IL): Tom Hardy\n", "Tom Hardy", PiiTypes.Name },
    };

    public static TheoryData<string> LookAlikes => new()
    {
        "Item No. 12345678 shipped",
        "Line (8b) #: 2125550100",
        "Order (web) #: 123456789",
        "Model No. D1234567",
        "Version (IL) #: 12-3456-789",
        "File name (optional): Report Q3",
        "Business License (IL) No. 2024 renewed",
    };

    [Theory]
    [MemberData(nameof(Qualified))]
    public void FindMatches_LabelWithQualifier_FindsValue(string text, string value, string type)
    {
        var found = Detector.FindMatches(text).Where(m => m.Type == type).Select(m => text.Substring(m.Start, m.Length));

        Assert.Contains(value, found);
    }

    [Theory]
    [MemberData(nameof(LookAlikes))]
    public void FindMatches_QualifiedNonPiiLabel_FindsNothing(string text)
    {
        Assert.Empty(Detector.FindMatches(text).Select(m => $"{m.Type}:{text.Substring(m.Start, m.Length)}"));
    }
}
