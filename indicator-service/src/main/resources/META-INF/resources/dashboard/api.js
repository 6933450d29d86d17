// indicator-service's public REST API, on the page's own origin; values on today's (2024) borders.
export const BORDERS = '2024';

async function get(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`${response.status} ${path}`);
  return response.json();
}

export const config = () => get('api/dashboard/config');
export const catalogue = () => get('api/indicators');
export const municipalities = year => get(`api/areas?level=municipality&borders=${BORDERS}&year=${year}`);
export const counties = year => get(`api/areas?level=county&borders=${BORDERS}&year=${year}`);

/** One indicator on one level; all years (from 2015) when no year is given. */
export function series(indicatorId, level, year) {
  const years = year ? `&from=${year}&to=${year}` : '';
  return get(`api/indicators/${encodeURIComponent(indicatorId)}/values?level=${level}&borders=${BORDERS}${years}`);
}

export const areaValues = (level, code, year) =>
  get(`api/areas/${level}/${encodeURIComponent(code)}/values?year=${year}&borders=${BORDERS}`);

/**
 * Whether report-service has published a profile of the municipality for the year: true or false, or null where
 * it could not be asked (report-service away, or on another origin that does not allow it).
 */
export async function profilePublished(reportServiceUrl, code, year) {
  try {
    const response = await fetch(`${reportServiceUrl}/api/reports/municipalities/${encodeURIComponent(code)}/${year}/versions`,
      { headers: { Accept: 'application/json' } });
    if (!response.ok) return null;
    return (await response.json()).length > 0;
  } catch {
    return null;
  }
}

export function streamUrl(lastEventId) {
  return `api/stream?borders=${BORDERS}` + (lastEventId ? `&lastEventId=${encodeURIComponent(lastEventId)}` : '');
}
