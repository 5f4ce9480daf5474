/** Proper names that read the same in every language (brands, platforms); the tables spread them in. */
export const CHANNEL_NAMES = {
  push: 'Push',
  inapp: 'In-App',
  sms: 'SMS',
  email: 'Email',
  chat: 'Chat',
  whatsapp: 'WhatsApp',
  wallet: 'Wallet',
} as const;

export const PLATFORM_NAMES: Readonly<Record<string, string>> = { android: 'Android', ios: 'iOS', web: 'Web' };
