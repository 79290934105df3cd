// A chart period's first and last day, for asking the API for the facts behind a point when the point did not
// bring them: "2022" -> 2022-01-01…2022-12-31, "2022-02", "2022-02-21", ISO weeks "2022-W08".

function iso(date) {
  return date.toISOString().slice(0, 10);
}

function utc(year, month, day) {
  return new Date(Date.UTC(year, month, day));
}

export function periodRange(period) {
  const text = String(period);
  let match = /^(\d{4})-W(\d{2})$/.exec(text);
  if (match) {
    const [year, week] = [Number(match[1]), Number(match[2])];
    const jan4 = utc(year, 0, 4);
    const monday = utc(year, 0, 4 - ((jan4.getUTCDay() + 6) % 7) + 7 * (week - 1));
    const sunday = new Date(monday.getTime() + 6 * 86400000);
    return { start: iso(monday), end: iso(sunday) };
  }
  match = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(text);
  if (!match) return { start: null, end: null };
  const [year, month, day] = [Number(match[1]), match[2] ? Number(match[2]) - 1 : null, match[3] ? Number(match[3]) : null];
  if (day !== null) return { start: text, end: text };
  if (month !== null) return { start: iso(utc(year, month, 1)), end: iso(utc(year, month + 1, 0)) };
  return { start: `${year}-01-01`, end: `${year}-12-31` };
}
