package ingest_test

import (
	"fmt"

	"jianbao/ingest"
	"jianbao/templates"
)

func ExampleValueParser_Parse() {
	cfg := templates.Default()
	p := ingest.NewValueParser(cfg.Labels.Zero, cfg.Labels.Measures)
	for _, s := range []string{"1,234", "４２", "35人次", "—", "12.5"} {
		n, err := p.Parse(s)
		fmt.Println(n, err)
	}
	// Output:
	// 1234 <nil>
	// 42 <nil>
	// 35 <nil>
	// 0 <nil>
	// 0 不是0或正整数（有小数）
}

func ExampleUnitMatcher_Unit() {
	m := ingest.NewUnitMatcher(templates.Default().Units)
	fmt.Println(m.Unit("广西—东盟经济技术开发区2018年10月统计表"))
	fmt.Println(m.Unit("南宁经开区"))
	fmt.Println(m.Unit("青秀区、兴宁区") == "")
	// Output:
	// 东盟经开区
	// 经开区
	// true
}
