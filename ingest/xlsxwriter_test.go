package ingest

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"jianbao/templates"
)

// A workbook written by xlsxwriter caches 0 for every formula and asks
// Excel to compute them on opening. Its figures are computed here, never
// taken as the zeros.
func TestXlsxwriterFormulas(t *testing.T) {
	py := "/usr/bin/python3"
	if err := exec.Command(py, "-c", "import xlsxwriter").Run(); err != nil {
		t.Skip("python3-xlsxwriter is not installed")
	}
	out := filepath.Join(t.TempDir(), "青秀区.xlsx")
	script := `
import sys, xlsxwriter
wb = xlsxwriter.Workbook(sys.argv[1])
ws = wb.add_worksheet("统计表")
ws.write_row(0, 0, ["青秀区2018年10月督查工作统计表"])
ws.write_row(1, 0, ["序号", "工作类别", "派出监督检查人员", "督查发现问题", "完成整改问题", "发出督办函", "约谈责任单位", "约谈责任人", "问责责任单位", "问责责任人"])
areas = ["脱贫攻坚", "美丽南宁乡村建设", "扬尘污染治理", "重大项目建设", "为民办实事", "服务东博会峰会", "舆情回访和电视问政", "其他"]
for i, a in enumerate(areas):
    ws.write(2 + i, 0, i + 1)
    ws.write(2 + i, 1, a)
    for j in range(8):
        ws.write_formula(2 + i, 2 + j, "=%d+%d" % (i + 1, (i + 1) * j))
ws.write(10, 1, "合计")
for j in range(8):
    col = chr(ord("C") + j)
    ws.write_formula(10, 2 + j, "=SUM(%s3:%s10)" % (col, col))
wb.close()
`
	if b, err := exec.Command(py, "-c", script, out).CombinedOutput(); err != nil {
		t.Fatalf("xlsxwriter: %v: %s", err, b)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	s := NewReader(templates.Default()).Read("2018-10/青秀区.xlsx", data)
	if !s.OK() {
		t.Fatalf("refused: %v", s.Errors())
	}
	if !s.Total.Equal(simpleTotals()) {
		t.Fatalf("figures %v, want %v (the cached zeros were taken)", s.Total, simpleTotals())
	}
}
