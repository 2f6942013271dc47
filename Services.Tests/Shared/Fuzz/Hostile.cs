using CsCheck;
using FoodDelivery.Contracts.Common.V1;

namespace FoodDelivery.Services.Tests.Fuzz;

/// <summary>
/// CsCheck generators of the values that break services: empty and blank strings, control characters, odd unicode,
/// strings just under and over the length limits, huge strings, integer boundaries, bad currencies and addresses.
/// </summary>
public static class Hostile
{
    /// <summary>Strings no id or text field should accept as they are (or that test the edge of what it accepts).</summary>
    public static readonly Gen<string> Text = Gen.OneOf<string>(
        Gen.OneOf(
            "", " ", "   ", "\t", "\r\n", "\0", "a\0b", "id with spaces", "\u0007bell", "\u001b[31mred",
            "'; DROP TABLE Orders; --", "\" OR 1=1 --", "%s%s%n%x", "{0}", "../../etc/passwd", "<script>alert(1)</script>",
            "null", "NULL", "undefined", "NaN", "-1", "0",
            "\u202Eevil-rtl", "zero\u200Bwidth", "e\u0301\u0301\u0301", "🍕🍕", "\uFEFFbom", "\u00A0nbsp", "line\u2028sep",
            "\uD800", "\uDFFF lone surrogates", "ｆｕｌｌｗｉｄｔｈ", "заказ-1", "注文-1"),
        Gen.Char.Array[1, 40].Select(chars => new string(chars)),
        Gen.Int[125, 131].Select(n => new string('k', n)),
        Gen.Int[995, 1005].Select(n => new string('t', n)),
        Gen.Const(new string('h', 100_000)));

    /// <summary>An id from <paramref name="known"/>, a well-formed unknown one, or a hostile string.</summary>
    public static Gen<string> Id(params string[] known) => Gen.Frequency<string>(
        (3, Gen.OneOf(known)),
        (2, Gen.Int[0, 1_000_000].Select(n => $"fuzz-{n}")),
        (3, Text));

    /// <summary>
    /// Idempotency keys: usually fresh, often one of a small shared pool (so keys are reused with other payloads and
    /// by other RPCs), sometimes hostile.
    /// </summary>
    public static readonly Gen<string> Key = Gen.Frequency<string>(
        (4, Gen.Long[0, long.MaxValue].Select(n => $"fuzz-key-{n}")),
        (3, Gen.Int[1, 12].Select(n => $"shared-key-{n}")),
        (2, Text));

    public static readonly Gen<int> Quantity = Gen.OneOf<int>(
        Gen.OneOf(int.MinValue, -100, -1, 0, 1, 2, 3, 99, 100, 101, 1000, int.MaxValue),
        Gen.Int);

    public static readonly Gen<long> AmountMinor = Gen.OneOf<long>(
        Gen.OneOf(long.MinValue, -1L, 0L, 1L, 999L, 1250L, 100_000L, int.MaxValue, int.MaxValue + 1L, 1L << 53, long.MaxValue),
        Gen.Long);

    public static readonly Gen<string> Currency = Gen.Frequency<string>(
        (4, Gen.OneOf("EUR", "USD", "GBP", "JPY")),
        (2, Gen.OneOf("eur", "Eur", "EURO", "EU", "E", "€", "€€€", "XXX", "ZZZ", "123", "E U")),
        (1, Text));

    /// <summary>Money, or none at all; any amount, any currency.</summary>
    public static readonly Gen<Money?> Money = Gen.Frequency<Money?>(
        (1, Gen.Const((Money?)null)),
        (6, Gen.Select(AmountMinor, Currency, (amount, currency) => (Money?)new Money { AmountMinor = amount, Currency = currency })));

    /// <summary>A well-formed address in about a third of the cases; otherwise a field is missing, too long or hostile.</summary>
    public static readonly Gen<Address?> Address = Gen.Frequency<Address?>(
        (1, Gen.Const((Address?)null)),
        (3, Gen.Const(() => (Address?)new Address { Street = "Hauptstrasse 1", City = "Berlin", PostalCode = "10115", Country = "DE" })),
        (5, Gen.Select(
            Gen.OneOf<string>(Gen.Const("Hauptstrasse 1"), Text),
            Gen.OneOf<string>(Gen.Const("Berlin"), Text),
            Gen.OneOf<string>(Gen.Const("10115"), Text),
            Gen.OneOf<string>(Gen.OneOf("DE", "de", "D", "DEU", "", "🇩🇪"), Text),
            (street, city, postalCode, country) => (Address?)new Address { Street = street, City = city, PostalCode = postalCode, Country = country })));

    /// <summary>Item lines: known and unknown items, duplicates, boundary quantities, empty lists and lists over the limit.</summary>
    public static Gen<List<ItemQuantity>> Items(params string[] knownItems)
    {
        var line = Gen.Select(Id(knownItems), Quantity, (itemId, quantity) => new ItemQuantity { ItemId = itemId, Quantity = quantity });
        var duplicated = line.Select(l => new List<ItemQuantity> { l, l.Clone() });
        return Gen.Frequency<List<ItemQuantity>>(
            (1, Gen.Const(() => new List<ItemQuantity>())),
            (6, line.List[1, 4]),
            (2, duplicated),
            (1, line.List[101, 130]));
    }

    /// <summary>Random request bodies: mostly short (they may even parse), sometimes long.</summary>
    public static readonly Gen<byte[]> Bytes = Gen.Frequency<byte[]>(
        (6, Gen.Byte.Array[0, 64]),
        (2, Gen.Byte.Array[64, 2048]),
        (1, Gen.Byte.Array[60_000, 70_000]));

    /// <summary>A valid serialized request with a few bytes changed, cut short or extended: the inputs a parser finds hardest.</summary>
    public static Gen<byte[]> Mutated(params byte[][] validBodies)
    {
        ArgumentNullException.ThrowIfNull(validBodies);
        return Gen.Select(Gen.Int[0, validBodies.Length - 1], Gen.Int[0, 3], Gen.Int[0, int.MaxValue], Gen.Byte.Array[1, 8], (which, kind, position, noise) =>
        {
            var body = validBodies[which];
            var at = body.Length == 0 ? 0 : position % body.Length;
            byte[] mutated = kind switch
            {
                0 => [.. body.Take(at)],
                1 => [.. body.Take(at), .. noise, .. body.Skip(at)],
                2 => [.. body.Take(at), .. noise, .. body.Skip(at + noise.Length)],
                _ => [.. body, .. noise],
            };
            return mutated;
        });
    }
}
