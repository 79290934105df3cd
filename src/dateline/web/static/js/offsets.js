// dateline's offsets count characters (Unicode code points, as Python does); JavaScript strings count UTF-16
// units, which differ after any character outside the Basic Multilingual Plane (an emoji, say). Slicing goes
// through here so marks never drift.

/** slice(from, to) over `text` by code-point offsets. */
export function codePointSlicer(text) {
  if (!/[\uD800-\uDFFF]/.test(text)) return (from, to) => text.slice(from, to);
  const units = [0];
  for (const character of text) units.push(units[units.length - 1] + character.length);
  const at = (offset) => units[Math.max(0, Math.min(offset, units.length - 1))];
  return (from, to) => text.slice(at(from), at(to));
}
