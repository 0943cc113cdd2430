// The carriers offered by "Mark as shipped", as Shippo names them (lib/marketplaces/carriers.ts
// maps each to every marketplace's code); "Other" takes a name and a tracking link.
export const MANUAL_CARRIERS = ['USPS', 'UPS', 'FedEx', 'DHL Express', 'DHL eCommerce', 'OnTrac', 'LaserShip', 'Canada Post', 'Other'] as const;
