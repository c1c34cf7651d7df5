package policy

// Keys of the private-chat rule: refunds are handled only in a private
// chat with the bot; in a group, supergroup or channel it says so once
// per message that would start or continue a flow, and keeps nothing.
const (
	KeyPrivateOnly Key = "chat.private_only"
)

// privateSentences declares the keys above: audience, surface, parameters and texts.
var privateSentences = []Sentence{
	{
		Key: KeyPrivateOnly, Audience: Provider, Surface: TGMessage,
		EN: "I handle coin refunds only in a private chat, so nothing you send here is kept. Please open a chat with me directly (tap my name, then Message) and send /start there. Do not share your phone number or lead IDs in a group.",
		HI: "मैं कॉइन रिफ़ंड सिर्फ़ निजी चैट में संभालता हूँ, इसलिए यहाँ भेजा कुछ भी रखा नहीं जाता। कृपया मुझसे सीधे चैट खोलें (मेरे नाम पर टैप करें, फिर संदेश भेजें) और वहाँ /start भेजें। ग्रुप में अपना फ़ोन नंबर या लीड ID साझा न करें।",
	},
}
