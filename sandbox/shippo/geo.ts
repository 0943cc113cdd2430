// US geography the validator and the rater need: which state a 3-digit ZIP prefix belongs to,
// which prefixes USPS never assigned, and a rough centroid per state for distance-based zones.

// [first prefix, last prefix, state] — the USPS ZIP3 allocation, military codes included.
const ZIP3_RANGES: Array<[number, number, string]> = [
  [5, 5, 'NY'], [6, 7, 'PR'], [8, 8, 'VI'], [9, 9, 'PR'], [10, 27, 'MA'], [28, 29, 'RI'], [30, 38, 'NH'],
  [39, 49, 'ME'], [50, 54, 'VT'], [55, 55, 'MA'], [56, 59, 'VT'], [60, 69, 'CT'], [70, 89, 'NJ'], [90, 98, 'AE'],
  [100, 149, 'NY'], [150, 196, 'PA'], [197, 199, 'DE'], [200, 200, 'DC'], [201, 201, 'VA'], [202, 205, 'DC'],
  [206, 219, 'MD'], [220, 246, 'VA'], [247, 268, 'WV'], [270, 289, 'NC'], [290, 299, 'SC'], [300, 319, 'GA'],
  [320, 339, 'FL'], [340, 340, 'AA'], [341, 349, 'FL'], [350, 369, 'AL'], [370, 385, 'TN'], [386, 397, 'MS'],
  [398, 399, 'GA'], [400, 427, 'KY'], [430, 459, 'OH'], [460, 479, 'IN'], [480, 499, 'MI'], [500, 528, 'IA'],
  [530, 549, 'WI'], [550, 567, 'MN'], [569, 569, 'DC'], [570, 577, 'SD'], [580, 588, 'ND'], [590, 599, 'MT'],
  [600, 629, 'IL'], [630, 658, 'MO'], [660, 679, 'KS'], [680, 693, 'NE'], [700, 714, 'LA'], [716, 729, 'AR'],
  [730, 731, 'OK'], [733, 733, 'TX'], [734, 749, 'OK'], [750, 799, 'TX'], [800, 816, 'CO'], [820, 831, 'WY'],
  [832, 838, 'ID'], [840, 847, 'UT'], [850, 865, 'AZ'], [870, 884, 'NM'], [885, 885, 'TX'], [889, 898, 'NV'],
  [900, 961, 'CA'], [962, 966, 'AP'], [967, 968, 'HI'], [969, 969, 'GU'], [970, 979, 'OR'], [980, 994, 'WA'],
  [995, 999, 'AK'],
];

/** Prefixes inside those ranges that USPS has never assigned. */
const UNASSIGNED = new Set([
  213, 269, 343, 345, 348, 353, 419, 428, 429, 517, 518, 519, 529, 533, 536, 552, 568, 578, 579, 589, 621, 632, 642,
  643, 659, 663, 682, 694, 695, 696, 697, 698, 699, 715, 732, 742, 771, 817, 818, 819, 839, 848, 849, 854, 858, 861,
  862, 866, 867, 868, 869, 876, 886, 887, 888, 892, 896, 899, 909, 929, 987,
]);

export const STATE_NAMES: Record<string, string> = {
  AL: 'Alabama', AK: 'Alaska', AZ: 'Arizona', AR: 'Arkansas', CA: 'California', CO: 'Colorado', CT: 'Connecticut',
  DE: 'Delaware', DC: 'District of Columbia', FL: 'Florida', GA: 'Georgia', HI: 'Hawaii', ID: 'Idaho', IL: 'Illinois',
  IN: 'Indiana', IA: 'Iowa', KS: 'Kansas', KY: 'Kentucky', LA: 'Louisiana', ME: 'Maine', MD: 'Maryland',
  MA: 'Massachusetts', MI: 'Michigan', MN: 'Minnesota', MS: 'Mississippi', MO: 'Missouri', MT: 'Montana',
  NE: 'Nebraska', NV: 'Nevada', NH: 'New Hampshire', NJ: 'New Jersey', NM: 'New Mexico', NY: 'New York',
  NC: 'North Carolina', ND: 'North Dakota', OH: 'Ohio', OK: 'Oklahoma', OR: 'Oregon', PA: 'Pennsylvania',
  RI: 'Rhode Island', SC: 'South Carolina', SD: 'South Dakota', TN: 'Tennessee', TX: 'Texas', UT: 'Utah',
  VT: 'Vermont', VA: 'Virginia', WA: 'Washington', WV: 'West Virginia', WI: 'Wisconsin', WY: 'Wyoming',
  PR: 'Puerto Rico', VI: 'Virgin Islands', GU: 'Guam', AA: 'Armed Forces Americas', AE: 'Armed Forces Europe',
  AP: 'Armed Forces Pacific',
};

const CENTROIDS: Record<string, [number, number]> = {
  AL: [32.8, -86.8], AK: [61.4, -152.3], AZ: [34.2, -111.7], AR: [34.9, -92.4], CA: [37.2, -119.5], CO: [39.0, -105.5],
  CT: [41.6, -72.7], DE: [39.0, -75.5], DC: [38.9, -77.0], FL: [28.6, -82.4], GA: [32.7, -83.4], HI: [20.8, -156.3],
  ID: [44.4, -114.6], IL: [40.0, -89.2], IN: [39.9, -86.3], IA: [42.1, -93.5], KS: [38.5, -98.4], KY: [37.5, -85.3],
  LA: [31.1, -92.0], ME: [45.4, -69.2], MD: [39.0, -76.8], MA: [42.3, -71.8], MI: [44.3, -85.4], MN: [46.3, -94.3],
  MS: [32.7, -89.7], MO: [38.4, -92.5], MT: [47.0, -109.6], NE: [41.5, -99.8], NV: [39.3, -116.6], NH: [43.7, -71.6],
  NJ: [40.2, -74.7], NM: [34.4, -106.1], NY: [42.9, -75.5], NC: [35.6, -79.4], ND: [47.5, -100.5], OH: [40.3, -82.8],
  OK: [35.6, -97.5], OR: [43.9, -120.6], PA: [40.9, -77.8], RI: [41.7, -71.5], SC: [33.9, -80.9], SD: [44.4, -100.2],
  TN: [35.9, -86.4], TX: [31.5, -99.3], UT: [39.3, -111.7], VT: [44.1, -72.7], VA: [37.5, -78.9], WA: [47.4, -120.5],
  WV: [38.6, -80.6], WI: [44.6, -89.9], WY: [43.0, -107.6], PR: [18.2, -66.5], VI: [18.3, -64.9], GU: [13.4, 144.8],
};

/** States the contiguous-US zone chart does not cover (USPS only, top zone). */
export const NON_CONTIGUOUS = new Set(['AK', 'HI', 'PR', 'VI', 'GU', 'AA', 'AE', 'AP']);
export const MILITARY = new Set(['AA', 'AE', 'AP']);

export function zip3Of(zip: string): number | null {
  const m = /^(\d{3})\d{2}(-\d{4})?$/.exec(zip.trim());
  return m ? Number(m[1]) : null;
}

/** The state a ZIP belongs to, or null when the prefix was never assigned. */
export function stateForZip(zip: string): string | null {
  const p = zip3Of(zip);
  if (p === null || UNASSIGNED.has(p)) return null;
  for (const [a, b, st] of ZIP3_RANGES) if (p >= a && p <= b) return st;
  return null;
}

/** A 2-letter code from a code or a full state name (case-insensitive), else null. */
export function stateCode(input: string): string | null {
  const s = input.trim();
  if (STATE_NAMES[s.toUpperCase()]) return s.toUpperCase();
  const lower = s.toLowerCase();
  for (const [code, name] of Object.entries(STATE_NAMES)) if (name.toLowerCase() === lower) return code;
  return null;
}

function miles(a: [number, number], b: [number, number]): number {
  const rad = Math.PI / 180;
  const dLat = (b[0] - a[0]) * rad;
  const dLon = (b[1] - a[1]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[0] * rad) * Math.cos(b[0] * rad) * Math.sin(dLon / 2) ** 2;
  return 3959 * 2 * Math.asin(Math.sqrt(h));
}

/** USPS-style zone 1–8 between two US ZIPs (state centroids stand in for ZIP3 centroids). */
export function zoneBetween(fromZip: string, toZip: string): number {
  const a = zip3Of(fromZip);
  const b = zip3Of(toZip);
  const sa = stateForZip(fromZip);
  const sb = stateForZip(toZip);
  if (a === null || b === null || !sa || !sb) return 8;
  if (a === b) return 1;
  if (NON_CONTIGUOUS.has(sa) || NON_CONTIGUOUS.has(sb)) return 8;
  if (sa === sb) return Math.abs(a - b) <= 5 ? 2 : 3;
  const d = miles(CENTROIDS[sa], CENTROIDS[sb]);
  if (d <= 150) return 2;
  if (d <= 300) return 3;
  if (d <= 600) return 4;
  if (d <= 1000) return 5;
  if (d <= 1400) return 6;
  if (d <= 1800) return 7;
  return 8;
}

/** Approximate coordinates of a ZIP (its state's centroid, nudged by the prefix) for geocoding. */
export function coordinatesFor(zip: string): { latitude: number; longitude: number } | null {
  const st = stateForZip(zip);
  const p = zip3Of(zip);
  if (!st || p === null || !CENTROIDS[st]) return null;
  const [lat, lon] = CENTROIDS[st];
  const nudge = ((p % 10) - 4.5) / 10;
  return { latitude: Number((lat + nudge).toFixed(6)), longitude: Number((lon - nudge).toFixed(6)) };
}
