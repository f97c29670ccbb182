namespace DriveSync.Sanitization.Text;

/// <summary>Maps CSV/TSV header names to the PII type of the column (names compared lower-case, letters and digits only).</summary>
internal static class PiiColumns
{
    private static readonly Dictionary<string, string> BuiltIn = new(StringComparer.Ordinal)
    {
        ["ssn"] = PiiTypes.Ssn, ["socialsecuritynumber"] = PiiTypes.Ssn, ["socialsecurity"] = PiiTypes.Ssn, ["socialsecurityno"] = PiiTypes.Ssn,
        ["ssnumber"] = PiiTypes.Ssn, ["taxpayerid"] = PiiTypes.Ssn, ["tin"] = PiiTypes.Ssn, ["itin"] = PiiTypes.Itin,
        ["ein"] = PiiTypes.Ein, ["fein"] = PiiTypes.Ein, ["employerid"] = PiiTypes.Ein,
        ["email"] = PiiTypes.Email, ["emailaddress"] = PiiTypes.Email, ["mail"] = PiiTypes.Email,
        ["phone"] = PiiTypes.Phone, ["phonenumber"] = PiiTypes.Phone, ["telephone"] = PiiTypes.Phone, ["tel"] = PiiTypes.Phone,
        ["mobile"] = PiiTypes.Phone, ["mobilephone"] = PiiTypes.Phone, ["cell"] = PiiTypes.Phone, ["cellphone"] = PiiTypes.Phone,
        ["fax"] = PiiTypes.Phone, ["homephone"] = PiiTypes.Phone, ["workphone"] = PiiTypes.Phone,
        ["dob"] = PiiTypes.DateOfBirth, ["dateofbirth"] = PiiTypes.DateOfBirth, ["birthdate"] = PiiTypes.DateOfBirth, ["birthday"] = PiiTypes.DateOfBirth,
        ["creditcard"] = PiiTypes.Card, ["creditcardnumber"] = PiiTypes.Card, ["cardnumber"] = PiiTypes.Card, ["ccnumber"] = PiiTypes.Card, ["pan"] = PiiTypes.Card,
        ["iban"] = PiiTypes.Iban, ["routing"] = PiiTypes.Routing, ["routingnumber"] = PiiTypes.Routing, ["aba"] = PiiTypes.Routing,
        ["account"] = PiiTypes.Account, ["accountnumber"] = PiiTypes.Account, ["acct"] = PiiTypes.Account, ["acctno"] = PiiTypes.Account,
        ["bankaccount"] = PiiTypes.Account,
        ["passport"] = PiiTypes.Passport, ["passportnumber"] = PiiTypes.Passport, ["passportno"] = PiiTypes.Passport,
        ["driverslicense"] = PiiTypes.DriverLicense, ["driverlicense"] = PiiTypes.DriverLicense, ["dl"] = PiiTypes.DriverLicense,
        ["dlnumber"] = PiiTypes.DriverLicense, ["licensenumber"] = PiiTypes.DriverLicense,
        ["mbi"] = PiiTypes.Mbi, ["medicarenumber"] = PiiTypes.Mbi, ["medicareid"] = PiiTypes.Mbi,
        ["ip"] = PiiTypes.IpAddress, ["ipaddress"] = PiiTypes.IpAddress,
        ["name"] = PiiTypes.Name, ["fullname"] = PiiTypes.Name, ["firstname"] = PiiTypes.Name, ["lastname"] = PiiTypes.Name,
        ["surname"] = PiiTypes.Name, ["givenname"] = PiiTypes.Name, ["taxpayername"] = PiiTypes.Name, ["customername"] = PiiTypes.Name,
        ["payer"] = PiiTypes.Name, ["payee"] = PiiTypes.Name, ["payername"] = PiiTypes.Name, ["payeename"] = PiiTypes.Name,
        ["employee"] = PiiTypes.Name, ["employeename"] = PiiTypes.Name, ["customer"] = PiiTypes.Name, ["client"] = PiiTypes.Name,
        ["clientname"] = PiiTypes.Name, ["patient"] = PiiTypes.Name, ["patientname"] = PiiTypes.Name, ["member"] = PiiTypes.Name,
        ["membername"] = PiiTypes.Name, ["cardholder"] = PiiTypes.Name, ["cardholdername"] = PiiTypes.Name, ["nameoncard"] = PiiTypes.Name,
        ["accountholder"] = PiiTypes.Name, ["accountholdername"] = PiiTypes.Name, ["holder"] = PiiTypes.Name, ["beneficiary"] = PiiTypes.Name,
        ["insured"] = PiiTypes.Name, ["recipient"] = PiiTypes.Name, ["recipientname"] = PiiTypes.Name, ["applicant"] = PiiTypes.Name,
        ["applicantname"] = PiiTypes.Name, ["taxpayer"] = PiiTypes.Name, ["owner"] = PiiTypes.Name, ["ownername"] = PiiTypes.Name,
        ["tenant"] = PiiTypes.Name, ["resident"] = PiiTypes.Name, ["guardian"] = PiiTypes.Name, ["spouse"] = PiiTypes.Name,
        ["dependent"] = PiiTypes.Name, ["contactname"] = PiiTypes.Name, ["contactperson"] = PiiTypes.Name, ["person"] = PiiTypes.Name,
        ["signer"] = PiiTypes.Name, ["signatory"] = PiiTypes.Name, ["requester"] = PiiTypes.Name, ["requestor"] = PiiTypes.Name,
        ["middlename"] = PiiTypes.Name, ["fname"] = PiiTypes.Name, ["lname"] = PiiTypes.Name, ["forename"] = PiiTypes.Name,
        ["familyname"] = PiiTypes.Name, ["legalname"] = PiiTypes.Name, ["preferredname"] = PiiTypes.Name, ["displayname"] = PiiTypes.Name,
        ["contactnumber"] = PiiTypes.Phone, ["telno"] = PiiTypes.Phone, ["cellno"] = PiiTypes.Phone, ["cellnumber"] = PiiTypes.Phone,
        ["dln"] = PiiTypes.DriverLicense, ["dlno"] = PiiTypes.DriverLicense, ["licenseno"] = PiiTypes.DriverLicense,
        ["licence"] = PiiTypes.DriverLicense, ["licenceno"] = PiiTypes.DriverLicense, ["licencenumber"] = PiiTypes.DriverLicense,
        ["driverslicence"] = PiiTypes.DriverLicense, ["driverlicence"] = PiiTypes.DriverLicense,
        ["addr"] = PiiTypes.Address, ["address1"] = PiiTypes.Address, ["address2"] = PiiTypes.Address, ["addressline1"] = PiiTypes.Address,
        ["addressline2"] = PiiTypes.Address, ["residence"] = PiiTypes.Address, ["streetaddr"] = PiiTypes.Address,
        ["address"] = PiiTypes.Address, ["streetaddress"] = PiiTypes.Address, ["homeaddress"] = PiiTypes.Address, ["street"] = PiiTypes.Address,
    };

    /// <summary>The PII type for a header, or null.</summary>
    public static string? TypeOf(ReadOnlySpan<char> header, IReadOnlyDictionary<string, string> extra)
    {
        Span<char> buffer = stackalloc char[Math.Min(header.Length, 64)];
        var length = 0;
        foreach (var c in header)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                if (length == buffer.Length)
                {
                    return null;
                }

                buffer[length++] = char.ToLowerInvariant(c);
            }
        }

        var name = new string(buffer[..length]);
        foreach (var (key, type) in extra)
        {
            if (string.Equals(Normalize(key), name, StringComparison.Ordinal))
            {
                return type.ToUpperInvariant();
            }
        }

        return BuiltIn.GetValueOrDefault(name) ?? ByPart(name);
    }

    /// <summary>True for headers of identifier and quantity columns (<c>Order</c>, <c>Invoice #</c>, <c>Ref</c>) whose values are never inferred to be PII.</summary>
    public static bool IsNotPii(ReadOnlySpan<char> header)
    {
        Span<char> buffer = stackalloc char[32];
        var length = 0;
        foreach (var c in header)
        {
            if (char.IsAsciiLetter(c) && length < buffer.Length)
            {
                buffer[length++] = char.ToLowerInvariant(c);
            }
        }

        var name = buffer[..length];
        foreach (var word in NotPiiWords)
        {
            if (name.StartsWith(word, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return name is "id" or "no" or "number" or "count" or "qty" or "amount" or "total";
    }

    private static readonly string[] NotPiiWords =
    [
        "order", "invoice", "ref", "sku", "tracking", "confirmation", "ticket", "transaction", "batch", "serial", "model",
        "version", "build", "zip", "postal", "epoch", "timestamp", "receipt", "item", "product", "part", "case", "claim",
    ];

    /// <summary>Headers that contain a PII word: <c>work_email</c>, <c>home phone no</c>, <c>applicant SSN</c>, <c>date_of_birth</c>, ….</summary>
    private static string? ByPart(string name) => name switch
    {
        _ when name.Contains("email", StringComparison.Ordinal) => PiiTypes.Email,
        _ when name.Contains("ssn", StringComparison.Ordinal) || name.Contains("socialsecurity", StringComparison.Ordinal) => PiiTypes.Ssn,
        _ when name.Contains("phone", StringComparison.Ordinal) || name.Contains("mobile", StringComparison.Ordinal)
            || name.Contains("fax", StringComparison.Ordinal) || name.EndsWith("tel", StringComparison.Ordinal) => PiiTypes.Phone,
        _ when name.Contains("iban", StringComparison.Ordinal) => PiiTypes.Iban,
        _ when name.Contains("creditcard", StringComparison.Ordinal) || name.Contains("cardnumber", StringComparison.Ordinal)
            || name.Contains("cardno", StringComparison.Ordinal) => PiiTypes.Card,
        _ when name.Contains("dateofbirth", StringComparison.Ordinal) || name.Contains("birthdate", StringComparison.Ordinal)
            || name.StartsWith("dob", StringComparison.Ordinal) || name.EndsWith("dob", StringComparison.Ordinal) => PiiTypes.DateOfBirth,
        _ when name.Contains("passport", StringComparison.Ordinal) => PiiTypes.Passport,
        _ when name.Contains("driverslicen", StringComparison.Ordinal) || name.Contains("driverlicen", StringComparison.Ordinal) => PiiTypes.DriverLicense,
        _ when name.Contains("routing", StringComparison.Ordinal) => PiiTypes.Routing,
        _ when name.Contains("accountnumber", StringComparison.Ordinal) || name.Contains("accountno", StringComparison.Ordinal)
            || name.Contains("acctno", StringComparison.Ordinal) || name.Contains("bankaccount", StringComparison.Ordinal) => PiiTypes.Account,
        _ when name.Contains("taxpayerid", StringComparison.Ordinal) || name.Contains("taxid", StringComparison.Ordinal) => PiiTypes.Ssn,
        _ when (name.Contains("address", StringComparison.Ordinal) && !name.Contains("ip", StringComparison.Ordinal)) || name.Contains("street", StringComparison.Ordinal) => PiiTypes.Address,
        _ => null,
    };

    private static string Normalize(string header) => new([.. header.Where(char.IsAsciiLetterOrDigit).Select(char.ToLowerInvariant)]);
}
