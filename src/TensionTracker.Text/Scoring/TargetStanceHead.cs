using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace TensionTracker.Text.Scoring;

/// <summary>
/// The target-aware stance head of a model (tone-stance-v5 on): a three-class maximum-entropy head (conflict, neutral,
/// cooperation) over <see cref="TargetFeatures"/> and the statement's normalised hand features, read out of the zip's
/// transformer and scored in C#; its scores are calibrated (<see cref="StanceCalibration"/>, fitted on held-out
/// documents). A stance on -1..1 mixes the statement's regressed stance with P(cooperation) - P(conflict).
/// </summary>
public sealed class TargetStanceHead
{
    /// <summary>Card setting: the regressed stance's share in a target's stance (the classes' expectation gets the rest).</summary>
    public const string RegressionShareSetting = "target_stance_regression_share";
    public const int Classes = 3;
    /// <summary>Card setting: the factor that puts the mixed stance on the labels' scale (least squares through 0 on out-of-fold readings).</summary>
    public const string ScaleSetting = "target_stance_scale";

    private readonly float[] _slotW; // conflict, neutral, cooperation weights of each slot side by side
    private readonly float[] _handW;
    private readonly float[] _contextW; // conflict, neutral, cooperation weights of each context logit side by side
    private readonly float[] _bias;
    private readonly int _handDim;

    public TargetFeatures Features { get; }
    public StanceCalibration Calibration { get; }
    public float RegressionShare { get; }
    public float Scale { get; }
    /// <summary>The monotone map per class onto the labels' scale (`--stance-map`; identity when the card has none, as for v5 and v6).</summary>
    public StanceMap Map { get; }

    private TargetStanceHead(TargetFeatures features, float[] slotW, float[] handW, float[] contextW, float[] bias, int handDim, StanceCalibration calibration,
        float share, float scale, StanceMap map)
    {
        (Features, _slotW, _handW, _contextW, _bias, _handDim, Calibration, RegressionShare, Scale, Map) =
            (features, slotW, handW, contextW, bias, handDim, calibration, share, scale, map);
    }

    /// <summary>The head in <paramref name="model"/>'s chain, or null when the model has none (models before v5).</summary>
    public static TargetStanceHead? From(ITransformer model, IReadOnlyDictionary<string, string> settings, int handDim, TargetContext? context = null)
    {
        var features = TargetFeatures.FromSettings(settings);
        if (features is null) return null;
        if (settings.ContainsKey(TargetContext.Setting))
            features = features with { Context = context ?? throw new InvalidDataException($"the card names context features ({TargetContext.Setting}) but the zip has no {TargetContext.ZipEntry}") };
        var head = Flatten(model).OfType<MulticlassPredictionTransformer<MaximumEntropyModelParameters>>().SingleOrDefault()
            ?? throw new InvalidDataException($"the card names target features ({TargetFeatures.BitsSetting}) but the zip has no three-class stance head");
        VBuffer<float>[] weights = [];
        head.Model.GetWeights(ref weights, out var classes);
        if (classes != Classes) throw new InvalidDataException($"the stance head has {classes} classes, expected {Classes}");
        var dim = features.Dimension;
        var slotW = new float[Classes * dim];
        var handW = new float[Classes * handDim];
        var contextW = new float[Classes * TargetContext.Outputs];
        for (var c = 0; c < Classes; c++)
            foreach (var (i, w) in weights[c].Items())
            {
                if (i < dim) slotW[Classes * i + c] = w;
                else if (i < features.Width) contextW[Classes * (i - dim) + c] = w;
                else if (i - features.Width < handDim) handW[Classes * (i - features.Width) + c] = w;
            }
        var bias = head.Model.GetBiases().ToArray();
        var share = settings.TryGetValue(RegressionShareSetting, out var s) ? float.Parse(s, CultureInfo.InvariantCulture) : 0f;
        var scale = settings.TryGetValue(ScaleSetting, out var sc) ? float.Parse(sc, CultureInfo.InvariantCulture) : 1f;
        return new TargetStanceHead(features, slotW, handW, contextW, bias, handDim, StanceCalibration.FromSettings(settings) ?? StanceCalibration.Identity, share, scale,
            StanceMap.FromSettings(settings) ?? StanceMap.Identity);
    }

    /// <summary>The uncalibrated class scores (logits) of one reading; <paramref name="handNorm"/> is the statement's normalised hand features.</summary>
    public void Logits(ReadOnlySpan<int> slots, ReadOnlySpan<float> handNorm, ReadOnlySpan<float> context, Span<float> logits)
    {
        var value = slots.Length > 0 ? 1f / MathF.Sqrt(slots.Length) : 0f;
        float a = 0, b = 0, c = 0;
        var w = _slotW;
        foreach (var slot in slots)
        {
            a += w[3 * slot];
            b += w[3 * slot + 1];
            c += w[3 * slot + 2];
        }
        a *= value; b *= value; c *= value;
        for (var j = 0; j < _handDim; j++)
        {
            var x = handNorm[j];
            a += _handW[3 * j] * x;
            b += _handW[3 * j + 1] * x;
            c += _handW[3 * j + 2] * x;
        }
        for (var j = 0; j < context.Length; j++)
        {
            var x = context[j];
            a += _contextW[3 * j] * x;
            b += _contextW[3 * j + 1] * x;
            c += _contextW[3 * j + 2] * x;
        }
        logits[0] = a + _bias[0];
        logits[1] = b + _bias[1];
        logits[2] = c + _bias[2];
    }

    /// <summary>One reading's calibrated probabilities: the statement toward <paramref name="target"/> (empty = as a whole).</summary>
    public StanceProbabilities Read(string text, TextTokens tokens, ReadOnlySpan<(int Start, int End)> target, ReadOnlySpan<(int Start, int End)> others,
        ReadOnlySpan<float> handNorm, int[] slots)
    {
        var k = Features.Hash(text, tokens, target, others, slots);
        Span<float> logits = stackalloc float[Classes];
        Span<float> context = stackalloc float[Features.Context is null ? 0 : TargetContext.Outputs];
        Features.Context?.Logits(text, tokens, target, others, context);
        Logits(slots.AsSpan(0, k), handNorm, context, logits);
        return Calibration.Apply(logits[0], logits[1], logits[2]);
    }

    /// <summary>A reading's stance on -1..1 from the regressed stance and the calibrated probabilities (mixed, then mapped by its most probable class).</summary>
    public float StanceOf(float regressed, StanceProbabilities p) =>
        Math.Clamp(Map.Apply(CalibrationError.Top(p).Class, Mixed(regressed, p)), -1f, 1f);

    /// <summary>The regressed stance and the classes' expectation mixed, before the map.</summary>
    public float Mixed(float regressed, StanceProbabilities p) =>
        Math.Clamp(Scale * (RegressionShare * regressed + (1 - RegressionShare) * (p.Cooperation - p.Conflict)), -1f, 1f);

    private static IEnumerable<ITransformer> Flatten(ITransformer t)
    {
        if (t is IEnumerable<ITransformer> chain)
        {
            foreach (var c in chain)
                foreach (var x in Flatten(c)) yield return x;
        }
        else yield return t;
    }
}
