package home

import "papihub/internal/platform/web"

func init() {
	web.AddMessages(web.LangVI, map[string]string{
		"home.title": "Trang chủ", "home.greeting": "Xin chào, %s", "nav.start": "Trang chủ",
		"nav.admin.about": "Đơn vị, người dùng, mã truy cập API và nhật ký thay đổi.",
	})
	web.AddMessages(web.LangEN, map[string]string{
		"home.title": "Home", "home.greeting": "Hello, %s", "nav.start": "Home",
		"nav.admin.about": "Units, users, API tokens and the audit log.",
	})
}
