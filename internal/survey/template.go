package survey

import (
	"fmt"
	"strings"
)

// BuiltinPAPIForm returns the built-in PAPI-style questionnaire: a few
// questions for each of the 8 dimensions, in Vietnamese with English, each
// scored question bound to an indicator coded "D<dimension>.<sub-dimension>.<n>"
// under the sub-dimensions of the PAPI framework since 2018 (papi.Framework
// "papi-2018"), plus the respondent groups results are broken down by. It is
// Go data in the shape of an XLSForm, read by the same parser as an upload,
// so it obeys every rule an uploaded form does; WriteXLSForm turns it into a
// workbook an agency can adapt. Each call returns a fresh copy.
//
// The wording follows the PAPI questionnaire's topics, not its exact text,
// which UNDP and CECODES publish with each report: an agency comparing with
// official scores should align the wording with that year's questionnaire.
func BuiltinPAPIForm() *Form {
	form, problems := parseSheets(
		sheetRows{name: "survey", rows: templateSurvey, present: true},
		sheetRows{name: "choices", rows: templateChoices, present: true},
		sheetRows{name: "settings", rows: templateSettings, present: true},
	)
	if form == nil {
		// TestTheBuiltinFormHasNoProblems keeps this from ever happening.
		msgs := make([]string, len(problems))
		for i, p := range problems {
			msgs[i] = p.Error()
		}
		panic(fmt.Sprintf("survey: built-in PAPI form is broken: %s", strings.Join(msgs, "; ")))
	}
	return form
}

var templateSettings = [][]string{
	{"form_id", "form_title", "version", "default_language"},
	{"papi_citizen_survey", "Khảo sát ý kiến người dân theo chỉ số PAPI", "2026.1", "Vietnamese (vi)"},
}

// tplQ is one survey row: type, name, Vietnamese and English labels, required,
// relevant, indicator and rule.
func tplQ(typ, name, vi, en, required, relevant, indicator, rule string) []string {
	return []string{typ, name, vi, en, required, relevant, indicator, rule}
}

func tplGroup(name, vi, en string) []string { return tplQ("begin_group", name, vi, en, "", "", "", "") }

var endGroup = []string{"end_group"}

var templateSurvey = [][]string{
	{"type", "name", "label::Vietnamese (vi)", "label::English (en)", "required", "relevant", "indicator", "indicator_rule"},
	tplQ("note", "intro",
		"Khảo sát này ẩn danh: không ghi họ tên, số điện thoại hay số giấy tờ của ông/bà.",
		"This survey is anonymous: it records no name, phone number or ID number.", "", "", "", ""),

	tplGroup("respondent", "Thông tin người trả lời", "About the respondent"),
	tplQ("select_one sex", "sex", "Giới tính", "Sex", "yes", "", "", ""),
	tplQ("select_one age_group", "age_group", "Nhóm tuổi", "Age group", "yes", "", "", ""),
	tplQ("select_one ethnicity", "ethnicity", "Dân tộc", "Ethnicity", "yes", "", "", ""),
	tplQ("select_one residence", "residence", "Nơi sinh sống", "Residence", "yes", "", "", ""),
	endGroup,

	tplGroup("d1", "Tham gia của người dân ở cấp cơ sở", "Participation at local levels"),
	tplQ("select_one yes_no_dk", "d1_know_slogan",
		"Ông/bà có biết câu “Dân biết, dân bàn, dân làm, dân kiểm tra, dân giám sát, dân thụ hưởng” không?",
		"Have you heard the phrase “People know, discuss, do, inspect, supervise and benefit”?", "yes", "", "D1.1.1", "good:1"),
	tplQ("select_one yes_no_dk", "d1_meeting",
		"Trong 12 tháng qua, ông/bà có được mời họp bàn về kế hoạch phát triển của thôn, tổ dân phố không?",
		"In the past 12 months, were you invited to a meeting on your village's development plan?", "yes", "", "D1.2.1", "good:1; skip:98"),
	tplQ("select_one yes_no_dk", "d1_voted",
		"Trong lần bầu cử đại biểu Hội đồng nhân dân xã, phường gần đây nhất, ông/bà có đi bầu không?",
		"Did you vote in the most recent commune People's Council election?", "yes", "", "D1.3.1", "good:1; skip:98"),
	tplQ("select_one yes_no_dk", "d1_contribution_monitored",
		"Các khoản đóng góp tự nguyện cho công trình công cộng ở địa phương có được Ban giám sát đầu tư cộng đồng giám sát không?",
		"Were voluntary contributions to local public works overseen by the community investment supervision board?", "yes", "", "D1.4.1", "good:1"),
	endGroup,

	tplGroup("d2", "Công khai, minh bạch", "Transparency"),
	tplQ("select_one yes_no_dk", "d2_info_request",
		"Khi cần thông tin về chính sách, pháp luật, ông/bà có nhận được thông tin từ chính quyền xã, phường không?",
		"When you needed information on a policy or law, did the commune authorities provide it?", "yes", "", "D2.1.1", "good:1; skip:98"),
	tplQ("select_one yes_no_dk", "d2_poverty_list",
		"Danh sách hộ nghèo của xã, phường có được công bố công khai trong 12 tháng qua không?",
		"Was the list of poor households publicly posted in the past 12 months?", "yes", "", "D2.2.1", "good:1"),
	tplQ("select_one yes_no_dk", "d2_budget",
		"Thu, chi ngân sách của xã, phường có được công bố công khai không?",
		"Are the commune's budget revenues and expenditures made public?", "yes", "", "D2.3.1", "good:1"),
	tplQ("select_one yes_no_dk", "d2_land_plan",
		"Ông/bà có biết quy hoạch, kế hoạch sử dụng đất hiện nay của xã, phường không?",
		"Do you know the current land-use plan of your commune?", "yes", "", "D2.4.1", "good:1"),
	endGroup,

	tplGroup("d3", "Trách nhiệm giải trình với người dân", "Vertical accountability"),
	tplQ("select_one yes_no_dk", "d3_contacted",
		"Trong 12 tháng qua, ông/bà có gặp trưởng thôn, tổ trưởng dân phố hoặc cán bộ xã, phường để giải quyết việc của mình không?",
		"In the past 12 months, did you contact a village head or commune official about a problem of yours?", "yes", "", "", ""),
	tplQ("select_one yes_no_dk", "d3_contact_resolved",
		"Lần gặp đó có giải quyết được việc của ông/bà không?",
		"Did that contact resolve your problem?", "yes", "${d3_contacted} = '1'", "D3.1.1", "good:1; skip:98"),
	tplQ("select_one satisfaction", "d3_complaint_handling",
		"Ông/bà đánh giá thế nào về cách chính quyền địa phương giải quyết khiếu nại, tố cáo của người dân?",
		"How do you rate the way local authorities handle citizens' complaints and denunciations?", "", "", "D3.2.1", "scale:1..5; skip:98"),
	tplQ("select_one yes_no_dk", "d3_trust_court",
		"Nếu có tranh chấp dân sự, ông/bà có tin tưởng đưa vụ việc ra tòa án địa phương không?",
		"If you had a civil dispute, would you trust the local court with it?", "yes", "", "D3.3.1", "good:1; skip:98"),
	endGroup,

	tplGroup("d4", "Kiểm soát tham nhũng trong khu vực công", "Control of corruption"),
	tplQ("select_one yes_no_dk", "d4_bribe_land",
		"Theo ông/bà, người dân ở đây có phải chi thêm tiền “lót tay” để được cấp giấy chứng nhận quyền sử dụng đất không?",
		"Do people here have to pay a bribe to obtain a land-use-rights certificate?", "yes", "", "D4.1.1", "bad:1; skip:98"),
	tplQ("select_one yes_no_dk", "d4_bribe_hospital",
		"Người dân có phải chi thêm tiền “lót tay” khi khám chữa bệnh ở bệnh viện công không?",
		"Do people have to pay a bribe for treatment at public hospitals?", "yes", "", "D4.2.1", "bad:1; skip:98"),
	tplQ("select_one yes_no_dk", "d4_jobs_connections",
		"Có phải quen biết người trong bộ máy mới xin được việc làm ở cơ quan nhà nước tại địa phương không?",
		"Do you need personal connections to get a job in the local state sector?", "yes", "", "D4.3.1", "bad:1; skip:98"),
	tplQ("select_one yes_no_dk", "d4_would_denounce",
		"Nếu bị vòi tiền “lót tay”, ông/bà có sẵn sàng tố giác không?",
		"If asked for a bribe, would you report it?", "yes", "", "D4.4.1", "good:1; skip:98"),
	endGroup,

	tplGroup("d5", "Thủ tục hành chính công", "Public administrative procedures"),
	tplQ("select_one yes_no_dk", "d5_certified",
		"Trong 12 tháng qua, ông/bà có làm thủ tục chứng thực, xác nhận không?",
		"In the past 12 months, did you have a document certified?", "yes", "", "", ""),
	tplQ("select_one yes_no_dk", "d5_certified_on_time",
		"Lần gần nhất, ông/bà có được trả kết quả đúng hẹn không?",
		"The last time, did you receive the result on the promised date?", "yes", "${d5_certified} = '1'", "D5.1.1", "good:1; skip:98"),
	tplQ("select_one yes_no_dk", "d5_land_cert_on_time",
		"Nếu gia đình ông/bà đã làm thủ tục cấp giấy chứng nhận quyền sử dụng đất trong 5 năm qua, hồ sơ có được giải quyết đúng hẹn không?",
		"If your household applied for a land-use-rights certificate in the past 5 years, was it handled on time?", "", "", "D5.3.1", "good:1; skip:98"),
	tplQ("select_one yes_no_dk", "d5_commune_used",
		"Trong 12 tháng qua, ông/bà có làm thủ tục ở Bộ phận một cửa của xã, phường không?",
		"In the past 12 months, did you use the commune's one-stop shop?", "yes", "", "", ""),
	tplQ("select_one quality", "d5_commune_quality",
		"Ông/bà đánh giá chung chất lượng phục vụ ở Bộ phận một cửa của xã, phường thế nào?",
		"Overall, how do you rate the service at the commune's one-stop shop?", "yes", "${d5_commune_used} = '1'", "D5.4.1", "scale:1..4"),
	endGroup,

	tplGroup("d6", "Cung ứng dịch vụ công", "Public service delivery"),
	tplQ("select_one yes_no_dk", "d6_health_insurance",
		"Ông/bà có thẻ bảo hiểm y tế không?",
		"Do you have health insurance?", "yes", "", "D6.1.1", "good:1; skip:98"),
	tplQ("select_one school_time", "d6_school_time",
		"Từ nhà ông/bà đến trường tiểu học công lập gần nhất mất bao lâu?",
		"How long does it take from your home to the nearest public primary school?", "", "", "D6.2.1", "inverse_scale:1..3"),
	tplQ("select_one quality", "d6_road_quality",
		"Chất lượng đường giao thông gần nhà ông/bà thế nào?",
		"How good is the road near your home?", "yes", "", "D6.3.1", "scale:1..4"),
	tplQ("select_one safety", "d6_safety",
		"Khu dân cư nơi ông/bà sinh sống an toàn đến mức nào?",
		"How safe is the area where you live?", "yes", "", "D6.4.1", "scale:1..4"),
	endGroup,

	tplGroup("d7", "Quản trị môi trường", "Environmental governance"),
	tplQ("select_one yes_no_dk", "d7_serious",
		"Chính quyền địa phương có nghiêm túc xử lý các cơ sở gây ô nhiễm môi trường không?",
		"Do local authorities deal seriously with polluters?", "yes", "", "D7.1.1", "good:1; skip:98"),
	tplQ("select_one quality", "d7_air",
		"Chất lượng không khí nơi ông/bà sinh sống thế nào?",
		"How is the air quality where you live?", "yes", "", "D7.2.1", "scale:1..4"),
	tplQ("select_one yes_no_dk", "d7_tap_water",
		"Nước ăn uống chính của gia đình ông/bà có phải là nước máy không?",
		"Is tap water your household's main drinking water?", "yes", "", "D7.3.1", "good:1"),
	endGroup,

	tplGroup("d8", "Quản trị điện tử", "E-governance"),
	tplQ("select_one yes_no_dk", "d8_portal",
		"Trong 12 tháng qua, ông/bà có vào cổng thông tin điện tử của chính quyền địa phương không?",
		"In the past 12 months, did you visit your local government's web portal?", "yes", "", "D8.1.1", "good:1"),
	tplQ("select_one yes_no_dk", "d8_online_dossier",
		"Ông/bà có nộp hồ sơ trực tuyến trên Cổng dịch vụ công không?",
		"Have you submitted an application online through the public service portal?", "yes", "", "D8.1.2", "good:1"),
	tplQ("select_one yes_no_dk", "d8_internet_home",
		"Gia đình ông/bà có kết nối Internet tại nhà không?",
		"Does your household have Internet access at home?", "yes", "", "D8.2.1", "good:1"),
	endGroup,
}

// tplChoice is one choices row.
func tplChoice(list, name, vi, en string) []string { return []string{list, name, vi, en} }

var templateChoices = [][]string{
	{"list_name", "name", "label::Vietnamese (vi)", "label::English (en)"},
	tplChoice("sex", "male", "Nam", "Male"),
	tplChoice("sex", "female", "Nữ", "Female"),
	tplChoice("age_group", "18_29", "18–29 tuổi", "18–29"),
	tplChoice("age_group", "30_39", "30–39 tuổi", "30–39"),
	tplChoice("age_group", "40_49", "40–49 tuổi", "40–49"),
	tplChoice("age_group", "50_59", "50–59 tuổi", "50–59"),
	tplChoice("age_group", "60_plus", "Từ 60 tuổi trở lên", "60 and over"),
	tplChoice("ethnicity", "kinh", "Kinh", "Kinh"),
	tplChoice("ethnicity", "other", "Dân tộc khác", "Other ethnic group"),
	tplChoice("residence", "urban", "Thành thị", "Urban"),
	tplChoice("residence", "rural", "Nông thôn", "Rural"),
	tplChoice("yes_no_dk", "1", "Có", "Yes"),
	tplChoice("yes_no_dk", "2", "Không", "No"),
	tplChoice("yes_no_dk", "98", "Không biết", "Don't know"),
	tplChoice("satisfaction", "1", "Rất không hài lòng", "Very dissatisfied"),
	tplChoice("satisfaction", "2", "Không hài lòng", "Dissatisfied"),
	tplChoice("satisfaction", "3", "Bình thường", "Neutral"),
	tplChoice("satisfaction", "4", "Hài lòng", "Satisfied"),
	tplChoice("satisfaction", "5", "Rất hài lòng", "Very satisfied"),
	tplChoice("satisfaction", "98", "Không biết / chưa từng khiếu nại", "Don't know / never complained"),
	tplChoice("quality", "1", "Rất kém", "Very poor"),
	tplChoice("quality", "2", "Kém", "Poor"),
	tplChoice("quality", "3", "Tốt", "Good"),
	tplChoice("quality", "4", "Rất tốt", "Very good"),
	tplChoice("school_time", "1", "Dưới 15 phút", "Under 15 minutes"),
	tplChoice("school_time", "2", "Từ 15 đến 30 phút", "15 to 30 minutes"),
	tplChoice("school_time", "3", "Trên 30 phút", "Over 30 minutes"),
	tplChoice("safety", "1", "Rất không an toàn", "Very unsafe"),
	tplChoice("safety", "2", "Không an toàn", "Unsafe"),
	tplChoice("safety", "3", "An toàn", "Safe"),
	tplChoice("safety", "4", "Rất an toàn", "Very safe"),
}
