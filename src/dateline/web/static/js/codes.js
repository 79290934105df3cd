// The codebooks' words the pages show: QuadClass names and the colours that carry their meaning everywhere in the
// app (greens cooperate, oranges and reds conflict), and PLOVER's event categories for the filters.

export const QUAD_CLASSES = {
  1: { name: "verbal cooperation", short: "verbal coop", colour: "#6fb48a" },
  2: { name: "material cooperation", short: "material coop", colour: "#1f7a4d" },
  3: { name: "verbal conflict", short: "verbal conflict", colour: "#e3944b" },
  4: { name: "material conflict", short: "material conflict", colour: "#b8322a" },
};

export const PLOVER_CATEGORIES = [
  "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
  "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
];

export const ENTITY_KINDS = {
  PERSON: "people", ORG: "organisations", GPE: "countries and cities", LOC: "places",
  NORP: "nationalities and groups", FAC: "facilities", EVENT: "named events",
};

/** A colour for a Goldstein score: red for conflict, grey near zero, green for cooperation. */
export function goldsteinColour(score) {
  if (score === null || score === undefined) return "#8a8f98";
  if (score <= -5) return QUAD_CLASSES[4].colour;
  if (score < -0.5) return QUAD_CLASSES[3].colour;
  if (score <= 0.5) return "#8a8f98";
  if (score < 5) return QUAD_CLASSES[1].colour;
  return QUAD_CLASSES[2].colour;
}
