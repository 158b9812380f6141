using System;
using System.Text.Json;

namespace GasTown.Deacon.Format;

/// <summary>
/// Tells JSON that ends early (an empty file, or one cut short) from JSON that is whole but wrong. A writer that
/// truncates the file and then writes it, as Go's os.WriteFile does, shows readers exactly such a file for a moment;
/// a complete but invalid file is invalid for good.
/// </summary>
internal static class IncompleteJson
{
    /// <summary>Whether <paramref name="utf8"/> is blank, or valid as far as it goes but stops inside the first value.</summary>
    public static bool EndsEarly(ReadOnlySpan<byte> utf8)
    {
        utf8 = JsonText.WithoutBom(utf8);

        // Read as if more were to come: the reader stops, without error, only where the data runs out.
        var reader = new Utf8JsonReader(utf8, isFinalBlock: false, new JsonReaderState(JsonText.ReaderOptions));
        try
        {
            while (reader.Read())
            {
                if (reader.CurrentDepth == 0 && reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
                {
                    return false; // the first value is whole; what follows is for the real parser to judge
                }
            }
        }
        catch (JsonException)
        {
            return false; // wrong before the data runs out: more data cannot mend it
        }

        // Out of data inside (or before) the first value. A bare number is the one value that looks unfinished
        // until the data ends, so ask once more as the final block.
        var final = new Utf8JsonReader(utf8, isFinalBlock: true, new JsonReaderState(JsonText.ReaderOptions));
        try
        {
            return !(final.Read() && final.TrySkip());
        }
        catch (JsonException)
        {
            return true;
        }
    }
}
