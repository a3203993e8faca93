using ScottPlot;

namespace GovCloud.Web.Infrastructure.Documents;

/// <summary>
/// Charts for documents printed on the server (the pages draw theirs with ECharts in the browser): PNG images drawn by ScottPlot
/// in the PDFs' own Chinese font, so a chart's labels look like the text around it.
/// </summary>
public static class Charts
{
    // Drawn about as wide in pixels as the text block is in tenths of a millimetre: 20-pixel labels print near 9 pt.
    public const int Width = 1000, Height = 500;
    private static readonly Lock Gate = new();
    private static bool _fontAdded;
    private static readonly string[] Colours = ["#1677ff", "#fa8c16", "#52c41a", "#eb2f96"];

    /// <summary>A line a series over the days (null where a day has no figure).</summary>
    public static byte[] Lines(string title, string yLabel, IReadOnlyList<DateOnly> days, IReadOnlyList<(string Name, IReadOnlyList<double?> Values)> series)
    {
        var plot = NewPlot(title, yLabel);
        for (var s = 0; s < series.Count; s++)
        {
            var points = days.Select((d, i) => (X: d.ToDateTime(TimeOnly.MinValue).ToOADate(), Y: series[s].Values[i])).Where(p => p.Y is not null).ToList();
            var line = plot.Add.Scatter(points.Select(p => p.X).ToArray(), points.Select(p => p.Y!.Value).ToArray());
            line.LegendText = series[s].Name;
            line.Color = Color.FromHex(Colours[s % Colours.Length]);
            line.LineWidth = 3;
            line.MarkerSize = 6;
        }
        FromZero(plot, series.SelectMany(x => x.Values).OfType<double>());
        var ticks = days.Where((_, i) => i % Math.Max(1, days.Count / 10) == 0).ToList();
        plot.Axes.Bottom.SetTicks(ticks.Select(d => d.ToDateTime(TimeOnly.MinValue).ToOADate()).ToArray(), ticks.Select(d => d.ToString("M月d日")).ToArray());
        return Render(plot, series.Count > 1);
    }

    /// <summary>Bars side by side per label, a colour a series.</summary>
    public static byte[] Bars(string title, string yLabel, IReadOnlyList<string> labels, IReadOnlyList<(string Name, IReadOnlyList<double> Values)> series)
    {
        var plot = NewPlot(title, yLabel);
        var width = 0.8 / Math.Max(1, series.Count);
        for (var s = 0; s < series.Count; s++)
        {
            var bars = series[s].Values.Select((v, i) => new Bar
            {
                Position = i + (s - (series.Count - 1) / 2.0) * width, Value = v, Size = width * 0.9,
                FillColor = Color.FromHex(Colours[s % Colours.Length]), Label = v.ToString("0.#"),
            }).ToList();
            var plottable = plot.Add.Bars(bars);
            plottable.LegendText = series[s].Name;
            plottable.ValueLabelStyle.FontName = CjkFont.Family;
            plottable.ValueLabelStyle.FontSize = 18;
        }
        plot.Axes.Bottom.SetTicks(labels.Select((_, i) => (double)i).ToArray(), labels.ToArray());
        FromZero(plot, series.SelectMany(x => x.Values));
        plot.Axes.SetLimitsX(-0.6, labels.Count - 0.4);
        return Render(plot, series.Count > 1);
    }

    private static Plot NewPlot(string title, string yLabel)
    {
        EnsureFont();
        var plot = new Plot();
        plot.Font.Set(CjkFont.Family);
        plot.Title(title, 26);
        plot.YLabel(yLabel, 20);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 18;
        plot.Axes.Left.TickLabelStyle.FontSize = 18;
        return plot;
    }

    // A share is read against zero: the axis starts there and leaves a quarter above the highest value (at least 10).
    private static void FromZero(Plot plot, IEnumerable<double> values)
    {
        var top = values.DefaultIfEmpty(0).Max();
        plot.Axes.SetLimitsY(0, Math.Max(10, Math.Ceiling(top * 1.25 / 10) * 10));
    }

    private static byte[] Render(Plot plot, bool legend)
    {
        if (legend)
        {
            plot.ShowLegend(Alignment.UpperRight);
            plot.Legend.FontName = CjkFont.Family;
            plot.Legend.FontSize = 18;
        }
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    // ScottPlot finds fonts by name among those the system has or those added from files: the PDFs' face is written out once and added.
    private static void EnsureFont()
    {
        lock (Gate)
        {
            if (_fontAdded) return;
            var face = CjkFont.Face ?? throw new InvalidOperationException("No Chinese font");
            var file = Path.Combine(Path.GetTempPath(), $"govcloud-cjk-{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(face))[..16]}.ttf");
            if (!File.Exists(file))
            {
                // Written aside and moved in whole: another instance on the same machine never reads half a font.
                var partial = file + "." + Guid.NewGuid().ToString("N");
                File.WriteAllBytes(partial, face);
                File.Move(partial, file, overwrite: true);
            }
            Fonts.AddFontFile(CjkFont.Family, file);
            _fontAdded = true;
        }
    }
}
