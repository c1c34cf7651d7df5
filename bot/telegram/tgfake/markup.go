package tgfake

import "encoding/json"

type markup struct {
	inline [][]Button
	reply  [][]KeyButton
	remove bool
}

// wireMarkup accepts every reply_markup shape, including the library's
// always-present "copy_text":{"text":""}.
type wireMarkup struct {
	InlineKeyboard [][]struct {
		Text         string  `json:"text"`
		CallbackData *string `json:"callback_data"`
		URL          string  `json:"url"`
		CopyText     *struct {
			Text string `json:"text"`
		} `json:"copy_text"`
	} `json:"inline_keyboard"`
	Keyboard [][]struct {
		Text           string `json:"text"`
		RequestContact bool   `json:"request_contact"`
	} `json:"keyboard"`
	RemoveKeyboard bool `json:"remove_keyboard"`
}

func parseMarkup(raw string) (markup, *apiError) {
	var m markup
	if raw == "" {
		return m, nil
	}
	var w wireMarkup
	if err := json.Unmarshal([]byte(raw), &w); err != nil {
		return m, badRequest("can't parse reply keyboard markup JSON object")
	}
	for _, row := range w.InlineKeyboard {
		var r []Button
		for _, b := range row {
			if b.Text == "" {
				return m, badRequest("BUTTON_TEXT_INVALID")
			}
			hasCopy := b.CopyText != nil && b.CopyText.Text != ""
			switch {
			case b.CallbackData != nil:
				if n := len(*b.CallbackData); n < 1 || n > 64 {
					return m, badRequest("BUTTON_DATA_INVALID")
				}
			case b.URL == "" && !hasCopy:
				return m, badRequest("BUTTON_TYPE_INVALID")
			}
			data := ""
			if b.CallbackData != nil {
				data = *b.CallbackData
			}
			r = append(r, Button{Text: b.Text, Data: data})
		}
		m.inline = append(m.inline, r)
	}
	for _, row := range w.Keyboard {
		var r []KeyButton
		for _, b := range row {
			if b.Text == "" {
				return m, badRequest("BUTTON_TEXT_INVALID")
			}
			r = append(r, KeyButton{Text: b.Text, RequestContact: b.RequestContact})
		}
		m.reply = append(m.reply, r)
	}
	m.remove = w.RemoveKeyboard
	return m, nil
}

func previewDisabled(raw string) bool {
	var o struct {
		IsDisabled bool `json:"is_disabled"`
	}
	return json.Unmarshal([]byte(raw), &o) == nil && o.IsDisabled
}
