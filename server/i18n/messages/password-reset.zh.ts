// Forgotten password: the request form, the mail with the link, the page that sets the new password.
export const passwordResetZh = {
  forgot: "忘记密码？",
  request: {
    title: "找回密码",
    intro: "输入账户的电子邮箱，我们会向该邮箱发送一个重置密码的链接，30 分钟内有效，只能使用一次。",
    email: "电子邮箱",
    emailInvalid: "请输入有效的电子邮箱地址，例如 name@example.com",
    submit: "发送重置链接",
    submitting: "发送中…",
    sent: "如果 {email} 是企信通账户的邮箱，重置密码的链接已发送到该邮箱，30 分钟内有效。没有收到？请检查垃圾邮件，或稍后重试。",
    backToLogin: "返回登录",
  },
  mail: {
    subject: "企信通：重置密码",
    text: "{name}，您好：\n\n有人（希望是您本人）申请重置企信通账户的密码。请在 {minutes} 分钟内（{expiresAt} 前，北京时间）打开以下链接设置新密码，链接只能使用一次：\n\n{url}\n\n设置新密码后，此账户在所有设备上的登录都会退出。\n如果不是您本人申请，请忽略本邮件，您的密码不会改变。\n\n企信通 · 电子邮政局",
  },
  complete: {
    title: "设置新密码",
    intro: "为 {email} 设置新密码。设置后，此账户在所有设备上的登录都会退出。",
    password: "新密码",
    passwordConfirm: "再次输入新密码",
    passwordsDiffer: "两次输入的密码不一致",
    submit: "设置新密码",
    submitting: "保存中…",
    done: "密码已重置，请用新密码登录。",
    goLogin: "去登录",
    invalidTitle: "链接无效",
    expiredTitle: "链接已过期",
    usedTitle: "链接已使用",
    requestAgain: "重新申请重置链接",
  },
};
