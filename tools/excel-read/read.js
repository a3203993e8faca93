// Reads an .xlsx with exceljs and prints every sheet as JSON: [{ name, rows: [[cell text, …], …] }].
// Exits non-zero with the reader's own message when it cannot open the file.
const ExcelJS = require('exceljs');

async function main(path) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheets = [];
  workbook.eachSheet((sheet) => {
    const rows = [];
    sheet.eachRow({ includeEmpty: true }, (row, number) => {
      const cells = [];
      for (let c = 1; c <= row.cellCount; c++) cells.push(row.getCell(c).text ?? '');
      rows[number - 1] = cells;
    });
    sheets.push({ name: sheet.name, rows: Array.from(rows, (r) => r ?? []) });
  });
  process.stdout.write(JSON.stringify(sheets));
}

main(process.argv[2]).catch((e) => {
  process.stderr.write(String(e && e.stack || e));
  process.exit(1);
});
