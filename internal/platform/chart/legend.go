package chart

// legendKind says how a legend entry shows its series.
type legendKind int

const (
	lineLegend legendKind = iota // a short stroke with the series' dash
	areaLegend                   // a filled square
)

const legendRow = 20

// legendRows lays the names out left to right, wrapping at the chart width,
// and returns each entry's row and x.
func legendRows(names []string) (rows []int, xs []float64) {
	x, row := float64(pad), 0
	for _, name := range names {
		w := 22 + textWidth(name, smallSize) + 16
		if x+w > chartWidth-pad && x > pad {
			x, row = pad, row+1
		}
		rows, xs = append(rows, row), append(xs, x)
		x += w
	}
	return rows, xs
}

func seriesNames(series []Series) []string {
	names := make([]string, len(series))
	for i, s := range series {
		names[i] = fit(s.Name, chartWidth-2*pad-40, smallSize)
	}
	return names
}

// legendHeight is where the plot starts below the title and the legend.
func legendHeight(series []Series, title string) float64 {
	top := pad + titleBlock(title, chartWidth) + 4
	if len(series) > 1 || (len(series) == 1 && series[0].Name != "") {
		rows, _ := legendRows(seriesNames(series))
		top += float64(rows[len(rows)-1]+1) * legendRow
	}
	return top + 8
}

// legend draws one entry per series from y down.
func (c *canvas) legend(series []Series, y float64, kind legendKind) {
	if len(series) == 0 || (len(series) == 1 && series[0].Name == "") {
		return
	}
	names := seriesNames(series)
	rows, xs := legendRows(names)
	c.raw(`<g class="chart-legend">`)
	for i, name := range names {
		ly := y + float64(rows[i])*legendRow + 8
		switch kind {
		case lineLegend:
			c.line("chart-legend-key "+seriesClass(i), xs[i], ly, xs[i]+18, ly, seriesColour(i), 2.5, seriesDash(i))
		case areaLegend:
			c.rect("chart-legend-key "+seriesClass(i), xs[i]+3, ly-6, 12, 12, seriesColour(i), 2)
		}
		c.text(xs[i]+22, ly+4, "chart-legend-label", "start", smallSize, colourText, name)
	}
	c.raw(`</g>`)
}
