using System;
using System.Text.Json;
using GasTown.Deacon.Format;

namespace GasTown.Deacon.Settings;

/// <summary>
/// What a town's <c>settings/config.json</c> says about judging the Deacon: Gas Town's
/// <c>operational.deacon.heartbeat_stale_threshold</c> and <c>heartbeat_very_stale_threshold</c>, Go duration
/// strings, each optional. Nothing else in the file is read. Each key keeps its value or what is wrong with it, so
/// that a key overridden by a parameter is never complained about.
/// </summary>
internal sealed class TownSettings
{
    /// <summary>The stale threshold's key, as a path through the file's objects.</summary>
    public const string StaleKey = "operational.deacon.heartbeat_stale_threshold";

    /// <summary>The very-stale threshold's key, as a path through the file's objects.</summary>
    public const string VeryStaleKey = "operational.deacon.heartbeat_very_stale_threshold";

    /// <summary>No settings file: nothing to say, and nothing to warn about.</summary>
    public static readonly TownSettings None = new(string.Empty, false, null, null, null, null, null);

    private static readonly JsonDocumentOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };

    private ThresholdResolution? unparameterised;

    private TownSettings(string path, bool exists, TimeSpan? stale, TimeSpan? veryStale, string? staleProblem, string? veryStaleProblem, string? fileProblem)
    {
        Path = path;
        Exists = exists;
        StaleThreshold = stale;
        VeryStaleThreshold = veryStale;
        StaleProblem = staleProblem;
        VeryStaleProblem = veryStaleProblem;
        FileProblem = fileProblem;
    }

    /// <summary>The settings file; empty for <see cref="None"/>.</summary>
    public string Path { get; }

    /// <summary>Whether there was a settings file.</summary>
    public bool Exists { get; }

    /// <summary>The stale threshold the file sets, when it sets a valid one.</summary>
    public TimeSpan? StaleThreshold { get; }

    /// <summary>The very-stale threshold the file sets, when it sets a valid one.</summary>
    public TimeSpan? VeryStaleThreshold { get; }

    /// <summary>What is wrong with the stale threshold's value (not a duration, not positive), naming the key.</summary>
    public string? StaleProblem { get; }

    /// <summary>What is wrong with the very-stale threshold's value, naming the key.</summary>
    public string? VeryStaleProblem { get; }

    /// <summary>What is wrong with the file as a whole (not JSON, unreadable, not shaped as settings): no key can be trusted.</summary>
    public string? FileProblem { get; }

    /// <summary>The settings file of the town at <paramref name="townRoot"/>.</summary>
    public static string GetSettingsPath(string townRoot) => System.IO.Path.Combine(townRoot, "settings", "config.json");

    /// <summary>Reads the two thresholds from the bytes of a settings file; never throws for what the file holds.</summary>
    public static TownSettings Parse(ReadOnlyMemory<byte> utf8, string path)
    {
        if (JsonText.WithoutBom(utf8.Span).Length != utf8.Length)
        {
            utf8 = utf8.Slice(3);
        }

        if (JsonText.IsBlank(utf8.Span))
        {
            return WithoutThresholds(path, "it is empty, not JSON");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, Options);
        }
        catch (JsonException ex)
        {
            return WithoutThresholds(path, "it is not JSON: " + JsonText.Problem(ex));
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Null)
            {
                return WithoutThresholds(path, null);
            }

            if (root.ValueKind != JsonValueKind.Object)
            {
                return WithoutThresholds(path, $"it holds {JsonText.Describe(root.ValueKind)}, not a settings object");
            }

            if (!TryObject(root, "operational", out var operational, out var problem)
                || !TryObject(operational, "deacon", out var deacon, out problem))
            {
                return WithoutThresholds(path, problem);
            }

            ReadDuration(deacon, StaleKey, out var stale, out var staleProblem);
            ReadDuration(deacon, VeryStaleKey, out var veryStale, out var veryStaleProblem);
            return new TownSettings(path, true, stale, veryStale, staleProblem, veryStaleProblem, null);
        }
    }

    /// <summary>
    /// The thresholds a town with these settings is judged by, given those the caller set (null: not set). Without
    /// any, the answer is worked out once per settings read: the common case of every call that passes none.
    /// </summary>
    public ThresholdResolution Resolve(TimeSpan? stale, TimeSpan? veryStale) =>
        stale is null && veryStale is null
            ? unparameterised ??= ThresholdResolution.Resolve(this, null, null)
            : ThresholdResolution.Resolve(this, stale, veryStale);

    /// <summary>
    /// A settings file that is there and sets no threshold: it says nothing of them, or <paramref name="problem"/> is
    /// wrong with it as a whole.
    /// </summary>
    public static TownSettings WithoutThresholds(string path, string? problem) =>
        new(path, true, null, null, null, null, problem);

    /// <summary>
    /// The member <paramref name="name"/> of <paramref name="parent"/> as an object. False with no problem when it
    /// is missing or null (nothing set); false with a problem when it is something other than an object.
    /// </summary>
    private static bool TryObject(JsonElement parent, string name, out JsonElement value, out string? problem)
    {
        problem = null;
        if (!TryMember(parent, name, out value) || value.ValueKind == JsonValueKind.Null)
        {
            return false;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            var key = name == "deacon" ? "operational.deacon" : name;
            problem = $"{key} is {JsonText.Describe(value.ValueKind)}, not an object";
            return false;
        }

        return true;
    }

    private static void ReadDuration(JsonElement deacon, string key, out TimeSpan? value, out string? problem)
    {
        value = null;
        problem = null;
        var name = key.Substring(key.LastIndexOf('.') + 1);
        if (!TryMember(deacon, name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            problem = $"{key} is {JsonText.Describe(element.ValueKind)}, not a Go duration string such as \"5m\"";
            return;
        }

        string text;
        try
        {
            text = element.GetString() ?? string.Empty;
        }
        catch (InvalidOperationException)
        {
            // A lone surrogate escape or invalid UTF-8: Go reads it as U+FFFD, which no duration holds.
            problem = $"{key} holds text that is not valid Unicode, not a Go duration string such as \"5m\"";
            return;
        }

        if (text.Length == 0)
        {
            // Gas Town's config treats an empty string as not set.
            return;
        }

        if (!GoDuration.TryParse(text, out var parsed, out var error))
        {
            problem = $"{key} \"{text}\" is not a Go duration ({error})";
        }
        else if (parsed <= TimeSpan.Zero)
        {
            problem = $"{key} \"{text}\" is not greater than zero";
        }
        else
        {
            value = parsed;
        }
    }

    /// <summary>Go matches keys by its own case folding (<see cref="GoKeyFold"/>) and the last of duplicate keys wins.</summary>
    private static bool TryMember(JsonElement parent, string name, out JsonElement value)
    {
        value = default;
        var found = false;
        foreach (var property in parent.EnumerateObject())
        {
            if (IsKey(property, name))
            {
                value = property.Value;
                found = true;
            }
        }

        return found;
    }

    private static bool IsKey(JsonProperty property, string name)
    {
        string key;
        try
        {
            key = property.Name;
        }
        catch (InvalidOperationException)
        {
            // A key of invalid text: Go reads U+FFFD there, which folds to no ASCII name, so it is no key Go knows.
            return false;
        }

        return GoKeyFold.FoldToAscii(key) is { } folded && string.Equals(folded, name, StringComparison.OrdinalIgnoreCase);
    }
}
