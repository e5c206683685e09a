package templates

import (
	"errors"
	"strconv"
	"strings"
	"testing"
)

// The desk's settings are checked with the line and field at fault.
func TestDeskSettingsChecked(t *testing.T) {
	good, err := DefaultFile(DefaultConfigName)
	if err != nil {
		t.Fatal(err)
	}
	line := func(field string) string {
		for i, l := range strings.Split(string(good), "\n") {
			if strings.HasPrefix(strings.TrimSpace(l), field+":") {
				return "第" + strconv.Itoa(i+1) + "行"
			}
		}
		t.Fatalf("%s not in the shipped configuration", field)
		return ""
	}
	tests := []struct {
		name, from, to string
		want           []string // in the error; none: accepted
	}{
		{"deadline day 28", "deadline_day: 10", "deadline_day: 28", nil},
		{"no deadline", "deadline_day: 10", "deadline_day: 0", nil},
		{"deadline day 29", "deadline_day: 10", "deadline_day: 29", []string{line("deadline_day"), "“desk.deadline_day”", "0到28"}},
		{"negative deadline day", "deadline_day: 10", "deadline_day: -1", []string{"“desk.deadline_day”"}},
		{"deadline day not a number", "deadline_day: 10", "deadline_day: 十日", []string{line("deadline_day"), "应是整数"}},
		{"unknown placeholder", "{count}个单位", "{单位数}个单位", []string{line("chase_text"), "“desk.chase_text”", "“{单位数}”不认识", "{units}"}},
		{"no units placeholder", "    {units}\n", "", []string{"要有“{units}”"}},
		{"misspelt field", "  deadline_day:", "  deadline_days:", []string{"是不是“deadline_day”"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := strings.Replace(string(good), tt.from, tt.to, 1)
			if text == string(good) {
				t.Fatalf("%q not in the shipped configuration", tt.from)
			}
			_, err := Parse([]byte(text))
			if tt.want == nil {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if !errors.Is(err, ErrConfig) {
				t.Fatalf("err = %v, want ErrConfig", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("%v\nlacks %q", err, w)
				}
			}
		})
	}
}

func TestChase(t *testing.T) {
	shipped, _, _ := strings.Cut(string(mustDefault(t)), "\ndesk:")
	own, err := Parse([]byte(shipped + "\ndesk:\n  deadline_day: 5\n  chase_text: \"{month}{report}：\\n{units}\\n截止{deadline}。\\n共{count}个。\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	var none Config // a configuration without desk: gets the shipped wording
	units := []string{"青秀区（未报送）", "兴宁区（已退回：合计不对）"}
	tests := []struct {
		name string
		cfg  *Config
		fill ChaseFill
		want string
	}{
		{"own wording with a deadline", own, ChaseFill{"简报", "2018年10月", units, "2018年11月5日"},
			"2018年10月简报：\n青秀区（未报送）\n兴宁区（已退回：合计不对）\n截止2018年11月5日。\n共2个。"},
		{"own wording without a deadline", own, ChaseFill{"简报", "2018年10月", units, ""},
			"2018年10月简报：\n青秀区（未报送）\n兴宁区（已退回：合计不对）\n共2个。"},
		{"shipped wording", &none, ChaseFill{"简报", "2018年10月", units[:1], "2018年11月10日"},
			"【简报】2018年10月的报表，以下1个单位尚未报送或被退回：\n青秀区（未报送）\n报送截止日期：2018年11月10日。\n请尽快登录报表收集台上传、报送，谢谢！"},
		{"placeholders in what is filled in stay as written", own, ChaseFill{"{units}", "2018年10月", []string{"甲（{deadline}）"}, ""},
			"2018年10月{units}：\n甲（{deadline}）\n共1个。"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.cfg.Chase(tt.fill); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func mustDefault(t *testing.T) []byte {
	t.Helper()
	b, err := DefaultFile(DefaultConfigName)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
