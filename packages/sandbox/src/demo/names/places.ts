// Places for addresses: cities with postcodes, sales areas and phone prefixes, streets and e-mail
// domains by country. UK phone numbers use Ofcom's ranges reserved for drama, so none rings anyone.

export interface City {
  city: string;
  region?: string;
  country: string;
  /** Outward codes (UK) or postcode patterns: "#" digit, "@" letter. */
  postcodes: readonly string[];
  /** AREA dimension value. */
  area: string;
  phone: string;
}

export const UK_CITIES: readonly City[] = [
  {
    city: 'London',
    region: 'Greater London',
    country: 'GB',
    postcodes: ['EC1A', 'EC2M', 'W1D', 'SE1', 'N1', 'E14'],
    area: 'SOUTH',
    phone: '+44 20 7946 0',
  },
  {
    city: 'Reading',
    region: 'Berkshire',
    country: 'GB',
    postcodes: ['RG1', 'RG2', 'RG30'],
    area: 'SOUTH',
    phone: '+44 118 496 0',
  },
  {
    city: 'Brighton',
    region: 'East Sussex',
    country: 'GB',
    postcodes: ['BN1', 'BN2'],
    area: 'SOUTH',
    phone: '+44 1632 960',
  },
  {
    city: 'Guildford',
    region: 'Surrey',
    country: 'GB',
    postcodes: ['GU1', 'GU2'],
    area: 'SOUTH',
    phone: '+44 1632 960',
  },
  {
    city: 'Southampton',
    region: 'Hampshire',
    country: 'GB',
    postcodes: ['SO14', 'SO15'],
    area: 'SOUTH',
    phone: '+44 23 8049 6',
  },
  {
    city: 'Bristol',
    region: 'Bristol',
    country: 'GB',
    postcodes: ['BS1', 'BS2', 'BS8'],
    area: 'WEST',
    phone: '+44 117 496 0',
  },
  {
    city: 'Exeter',
    region: 'Devon',
    country: 'GB',
    postcodes: ['EX1', 'EX4'],
    area: 'WEST',
    phone: '+44 1632 960',
  },
  {
    city: 'Cardiff',
    region: 'South Glamorgan',
    country: 'GB',
    postcodes: ['CF10', 'CF11'],
    area: 'WEST',
    phone: '+44 29 2018 0',
  },
  {
    city: 'Birmingham',
    region: 'West Midlands',
    country: 'GB',
    postcodes: ['B1', 'B2', 'B15'],
    area: 'MIDLANDS',
    phone: '+44 121 496 0',
  },
  {
    city: 'Nottingham',
    region: 'Nottinghamshire',
    country: 'GB',
    postcodes: ['NG1', 'NG7'],
    area: 'MIDLANDS',
    phone: '+44 115 496 0',
  },
  {
    city: 'Leicester',
    region: 'Leicestershire',
    country: 'GB',
    postcodes: ['LE1', 'LE2'],
    area: 'MIDLANDS',
    phone: '+44 116 496 0',
  },
  {
    city: 'Manchester',
    region: 'Greater Manchester',
    country: 'GB',
    postcodes: ['M1', 'M2', 'M4', 'M15'],
    area: 'NORTH',
    phone: '+44 161 496 0',
  },
  {
    city: 'Leeds',
    region: 'West Yorkshire',
    country: 'GB',
    postcodes: ['LS1', 'LS2', 'LS11'],
    area: 'NORTH',
    phone: '+44 113 496 0',
  },
  {
    city: 'Sheffield',
    region: 'South Yorkshire',
    country: 'GB',
    postcodes: ['S1', 'S3'],
    area: 'NORTH',
    phone: '+44 114 496 0',
  },
  {
    city: 'Newcastle upon Tyne',
    region: 'Tyne and Wear',
    country: 'GB',
    postcodes: ['NE1', 'NE4'],
    area: 'NORTH',
    phone: '+44 191 498 0',
  },
  {
    city: 'Edinburgh',
    region: 'Midlothian',
    country: 'GB',
    postcodes: ['EH1', 'EH2', 'EH8'],
    area: 'NORTH',
    phone: '+44 131 496 0',
  },
  {
    city: 'Cambridge',
    region: 'Cambridgeshire',
    country: 'GB',
    postcodes: ['CB1', 'CB2'],
    area: 'EAST',
    phone: '+44 1632 960',
  },
  {
    city: 'Norwich',
    region: 'Norfolk',
    country: 'GB',
    postcodes: ['NR1', 'NR2'],
    area: 'EAST',
    phone: '+44 1632 960',
  },
  {
    city: 'Ipswich',
    region: 'Suffolk',
    country: 'GB',
    postcodes: ['IP1', 'IP4'],
    area: 'EAST',
    phone: '+44 1632 960',
  },
];

export const EU_CITIES: readonly City[] = [
  { city: 'Berlin', country: 'DE', postcodes: ['10###'], area: 'EXPORT', phone: '+49 30 5550' },
  { city: 'München', country: 'DE', postcodes: ['80###'], area: 'EXPORT', phone: '+49 89 5550' },
  { city: 'Paris', country: 'FR', postcodes: ['750##'], area: 'EXPORT', phone: '+33 1 99 00' },
  { city: 'Lyon', country: 'FR', postcodes: ['6900#'], area: 'EXPORT', phone: '+33 4 99 00' },
  { city: 'Amsterdam', country: 'NL', postcodes: ['10## @@'], area: 'EXPORT', phone: '+31 20 555' },
  { city: 'Rotterdam', country: 'NL', postcodes: ['30## @@'], area: 'EXPORT', phone: '+31 10 555' },
  { city: 'Dublin', country: 'IE', postcodes: ['D0# @###'], area: 'EXPORT', phone: '+353 1 555' },
  { city: 'Antwerpen', country: 'BE', postcodes: ['20##'], area: 'EXPORT', phone: '+32 3 555' },
];

export const US_CITIES: readonly City[] = [
  {
    city: 'New York',
    region: 'NY',
    country: 'US',
    postcodes: ['100##'],
    area: 'EXPORT',
    phone: '+1 212 555 01',
  },
  {
    city: 'Chicago',
    region: 'IL',
    country: 'US',
    postcodes: ['606##'],
    area: 'EXPORT',
    phone: '+1 312 555 01',
  },
  {
    city: 'Seattle',
    region: 'WA',
    country: 'US',
    postcodes: ['981##'],
    area: 'EXPORT',
    phone: '+1 206 555 01',
  },
  {
    city: 'Atlanta',
    region: 'GA',
    country: 'US',
    postcodes: ['303##'],
    area: 'EXPORT',
    phone: '+1 404 555 01',
  },
  {
    city: 'Boston',
    region: 'MA',
    country: 'US',
    postcodes: ['021##'],
    area: 'EXPORT',
    phone: '+1 617 555 01',
  },
];

export const EMAIL_TLD: Readonly<Record<string, string>> = {
  GB: 'co.uk',
  DE: 'de',
  FR: 'fr',
  NL: 'nl',
  IE: 'ie',
  BE: 'be',
  US: 'com',
};

export const STREETS: Readonly<Record<string, readonly string[]>> = {
  GB: [
    'High Street',
    'Station Road',
    'Church Lane',
    'Victoria Road',
    'Mill Lane',
    'King Street',
    'Queen Street',
    'Park Road',
    'Market Place',
    'Bridge Street',
    'London Road',
    'Chapel Street',
    'Castle Street',
    'Manor Road',
    'Riverside Way',
    'Commerce Way',
    'Innovation Drive',
    'Wharf Road',
    'Albion Street',
  ],
  DE: ['Hauptstraße', 'Bahnhofstraße', 'Schillerstraße', 'Industriestraße', 'Lindenallee'],
  FR: ['Rue de la Paix', 'Avenue Victor Hugo', 'Rue du Commerce', 'Boulevard Voltaire'],
  NL: ['Keizersgracht', 'Herengracht', 'Stationsplein', 'Industrieweg'],
  IE: ['Grafton Street', 'Baggot Street', 'Harcourt Road'],
  BE: ['Meir', 'Frankrijklei', 'Kortrijksesteenweg'],
  US: ['Main Street', 'Market Street', 'Commerce Drive', 'Lakeview Avenue', 'Oak Street'],
};

export const ADDRESS_LINE2 = [
  'Unit 4',
  'Suite 210',
  '2nd Floor',
  'Building B',
  'Unit 12',
  'The Old Mill',
] as const;
