// Phone numbers arrive as each marketplace writes them ("2065550123", "+1 206-555-0123",
// "(206) 555 0123 x12", "+44 20 7946 0958"). They are shown one way: North American numbers as
// "+1 206-555-0123", others in E.164 ("+442079460958"), an extension as " ext. 12". Something
// that is not a phone number is shown as it came, never dropped.
const NANP_COUNTRIES = new Set(['US', 'CA', 'PR', 'GU', 'VI', 'AS', 'MP', 'UM']);

export function formatPhone(raw: string | null | undefined, country?: string | null): string {
  const text = (raw ?? '').trim();
  if (!text) return '';
  const ext = /\s*(?:ext\.?|extension|x|#)\s*(\d{1,6})\s*$/i.exec(text);
  const main = ext ? text.slice(0, ext.index) : text;
  // Only digits, separators and one leading plus (or an international 00 prefix) make a number.
  if (!/^\+?[\d\s().\-/]+$/.test(main)) return text;
  const plus = main.startsWith('+') || main.startsWith('00');
  let digits = main.replace(/\D/g, '');
  if (main.startsWith('00')) digits = digits.slice(2);
  const suffix = ext ? ` ext. ${ext[1]}` : '';
  const nanp = (d: string) => `+1 ${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6)}${suffix}`;
  if (plus) {
    if (digits.length === 11 && digits.startsWith('1')) return nanp(digits.slice(1));
    return digits.length >= 8 && digits.length <= 15 ? `+${digits}${suffix}` : text;
  }
  const home = (country ?? 'US').toUpperCase();
  if (NANP_COUNTRIES.has(home)) {
    if (digits.length === 10) return nanp(digits);
    if (digits.length === 11 && digits.startsWith('1')) return nanp(digits.slice(1));
  }
  // A national number elsewhere: without the country's dialling rules, keep the digits as written.
  return text;
}
