package com.promptforge.batch.spreadsheet;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xddf.usermodel.PresetColor;
import org.apache.poi.xddf.usermodel.XDDFColor;
import org.apache.poi.xddf.usermodel.XDDFLineProperties;
import org.apache.poi.xddf.usermodel.XDDFShapeProperties;
import org.apache.poi.xddf.usermodel.XDDFSolidFillProperties;
import org.apache.poi.xddf.usermodel.chart.AxisCrossBetween;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.MarkerStyle;
import org.apache.poi.xddf.usermodel.chart.XDDFLineChartData;
import org.apache.poi.xddf.usermodel.chart.BarDirection;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.LegendPosition;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFNumericalDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFClientAnchor;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFSheet;

/**
 * Draws a {@link Chart} with POI's XDDF API. SXSSF streams only the cells: the drawing lives on the sheet's
 * XSSF template, which the streamed sheet data is merged into when the workbook is written. The chart keeps
 * both the cell references (a spreadsheet program redraws from the cells) and a cache of the values.
 */
final class ChartDrawer {

    private ChartDrawer() {
    }

    static void draw(XSSFSheet template, SXSSFSheet streamed, Chart chart) {
        int rows = chart.lastDataRow() - chart.firstDataRow() + 1;
        String[] categories = new String[rows];
        Double[] values = new Double[rows];
        for (int i = 0; i < rows; i++) {
            Row row = streamed.getRow(chart.firstDataRow() + i);
            categories[i] = text(row == null ? null : row.getCell(chart.categoryColumn()));
            values[i] = number(row == null ? null : row.getCell(chart.valueColumn()));
        }
        String sheetName = streamed.getSheetName();
        XDDFDataSource<String> categoryData = XDDFDataSourcesFactory.fromArray(categories,
                reference(sheetName, chart.firstDataRow(), chart.lastDataRow(), chart.categoryColumn()));
        XDDFNumericalDataSource<Double> valueData = XDDFDataSourcesFactory.fromArray(values,
                reference(sheetName, chart.firstDataRow(), chart.lastDataRow(), chart.valueColumn()));

        XSSFDrawing drawing = template.createDrawingPatriarch();
        XSSFClientAnchor anchor = drawing.createAnchor(0, 0, 0, 0, chart.anchorColumn(), chart.anchorRow(),
                chart.anchorColumn() + chart.widthColumns(), chart.anchorRow() + chart.heightRows());
        XSSFChart drawn = drawing.createChart(anchor);
        drawn.setTitleText(chart.title());
        drawn.setTitleOverlay(false);
        drawn.getOrAddLegend().setPosition(LegendPosition.BOTTOM);
        XDDFCategoryAxis categoryAxis = drawn.createCategoryAxis(AxisPosition.BOTTOM);
        XDDFValueAxis valueAxis = drawn.createValueAxis(AxisPosition.LEFT);
        XDDFChartData data = drawn.createData(chart.type() == Chart.Type.LINE ? ChartTypes.LINE : ChartTypes.BAR,
                categoryAxis, valueAxis);
        if (data instanceof XDDFBarChartData bars) {
            bars.setBarDirection(BarDirection.COL);
            bars.setVaryColors(false);
        }
        XDDFChartData.Series series = data.addSeries(categoryData, valueData);
        series.setTitle(chart.seriesTitle(), null);
        // Explicit line and fill: without them LibreOffice draws markers without a line and bars without a fill.
        XDDFSolidFillProperties colour = new XDDFSolidFillProperties(XDDFColor.from(PresetColor.STEEL_BLUE));
        XDDFShapeProperties shape = new XDDFShapeProperties();
        if (series instanceof XDDFLineChartData.Series line) {
            line.setSmooth(false);
            line.setMarkerStyle(MarkerStyle.CIRCLE);
            XDDFLineProperties stroke = new XDDFLineProperties(colour);
            stroke.setWidth(2.25);
            shape.setLineProperties(stroke);
        } else {
            shape.setFillProperties(colour);
        }
        series.setShapeProperties(shape);
        valueAxis.setCrossBetween(AxisCrossBetween.BETWEEN);
        drawn.plot(data);
    }

    private static String reference(String sheetName, int firstRow, int lastRow, int column) {
        return new CellRangeAddress(firstRow, lastRow, column, column).formatAsString(sheetName, true);
    }

    private static String text(Cell cell) {
        if (cell == null) {
            return "";
        }
        if (cell.getCellType() == CellType.NUMERIC) {
            return DateUtil.isCellDateFormatted(cell) ? cell.getLocalDateTimeCellValue().toLocalDate().toString()
                    : Double.toString(cell.getNumericCellValue());
        }
        return cell.getStringCellValue();
    }

    private static Double number(Cell cell) {
        return cell == null || cell.getCellType() != CellType.NUMERIC ? 0.0 : cell.getNumericCellValue();
    }
}
