import { Place } from '@km/initiatives';
import { html, SafeHtml } from '../pages/html';

export interface MapPlace extends Place {
  role: 'venue' | 'employer' | 'left-out';
}

const WIDTH = 440;
const HEIGHT = 320;
const PAD = 48;

/**
 * A small picture of where the employers and the venue are, drawn from the municipality seats
 * (no map tiles, nothing downloaded). Longitude is scaled by cos(latitude) so distances look
 * right at Swedish latitudes. The same places are listed in text next to it.
 */
export function placesMap(id: string, title: string, places: MapPlace[]): SafeHtml {
  const unique = new Map<string, MapPlace>();
  for (const p of places) {
    const seen = unique.get(p.code);
    // A municipality with both the venue and an employer is drawn as the venue.
    if (!seen || (p.role === 'venue' && seen.role !== 'venue')) unique.set(p.code, p);
  }
  const all = [...unique.values()];
  if (all.length === 0) return html``;
  const midLat = all.reduce((s, p) => s + p.lat, 0) / all.length;
  const kx = Math.cos((midLat * Math.PI) / 180);
  const xs = all.map((p) => p.lon * kx);
  const ys = all.map((p) => p.lat);
  const span = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys), 0.2);
  const scale = Math.min((WIDTH - 2 * PAD) / span, (HEIGHT - 2 * PAD) / span);
  const cx = (Math.max(...xs) + Math.min(...xs)) / 2;
  const cy = (Math.max(...ys) + Math.min(...ys)) / 2;
  const at = (p: Place) => ({
    x: round(WIDTH / 2 + (p.lon * kx - cx) * scale),
    y: round(HEIGHT / 2 - (p.lat - cy) * scale),
  });
  const venue = all.find((p) => p.role === 'venue');
  const v = venue ? at(venue) : undefined;
  const lines = v
    ? all
        .filter((p) => p.role === 'employer')
        .map((p) => {
          const q = at(p);
          return html`<line x1="${v.x}" y1="${v.y}" x2="${q.x}" y2="${q.y}" class="map-link" />`;
        })
    : [];
  const marks = all.map((p) => {
    const { x, y } = at(p);
    const label = html`<text x="${x}" y="${y - 11}" text-anchor="middle" class="map-label">
      ${p.name}
    </text>`;
    if (p.role === 'venue') {
      return html`<rect
          x="${x - 7}"
          y="${y - 7}"
          width="14"
          height="14"
          class="map-venue"
        />${label}`;
    }
    return html`<circle
        cx="${x}"
        cy="${y}"
        r="6"
        class="${p.role === 'employer' ? 'map-employer' : 'map-left-out'}"
      />${label}`;
  });
  return html`<svg
    class="places-map"
    viewBox="0 0 ${WIDTH} ${HEIGHT}"
    role="img"
    aria-labelledby="${id}-title"
    xmlns="http://www.w3.org/2000/svg"
  >
    <title id="${id}-title">${title}</title>
    <style>
      .map-link {
        stroke: #5c5c5c;
        stroke-width: 1.5;
        stroke-dasharray: 4 3;
      }
      .map-venue {
        fill: #0b4f6c;
      }
      .map-employer {
        fill: #1e6b34;
      }
      .map-left-out {
        fill: #fff;
        stroke: #8a4b00;
        stroke-width: 2.5;
      }
      .map-label {
        font:
          13px system-ui,
          sans-serif;
        fill: #1b1b1b;
        paint-order: stroke;
        stroke: #f3f5f7;
        stroke-width: 4px;
      }
    </style>
    ${lines} ${marks}
  </svg>`;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
