using TensionTracker.Text.Scoring;

namespace TensionTracker.Text.Tests.Scoring;

public class ScoreMetricsTests
{
    [Fact]
    public void perfect_predictions_score_one()
    {
        float[] gold = [-0.5f, 0f, 0.4f, 0.9f, -0.2f];
        var m = ScoreMetrics.Compute(gold, gold);
        Assert.Equal(5, m.N);
        Assert.Equal(1.0, m.PearsonR, 6);
        Assert.Equal(0.0, m.Mae, 6);
        Assert.Equal(1.0, m.F1Weighted, 6);
        Assert.Equal(1.0, m.SignAgreement, 6);
    }

    [Fact]
    public void neutral_band_is_plus_minus_five_hundredths_for_gold_and_prediction_alike()
    {
        Assert.Equal(0, ScoreMetrics.ClassOf(0.05f));
        Assert.Equal(0, ScoreMetrics.ClassOf(-0.05f));
        Assert.Equal(1, ScoreMetrics.ClassOf(0.051f));
        Assert.Equal(-1, ScoreMetrics.ClassOf(-0.051f));
    }

    [Fact]
    public void sign_agreement_ignores_neutral_gold_rows()
    {
        var m = ScoreMetrics.Compute([0.5f, -0.5f, 0f], [0.2f, 0.3f, -0.9f]);
        Assert.Equal(0.5, m.SignAgreement, 6);
    }
}
