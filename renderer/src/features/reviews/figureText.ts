/** How the reviews write their figures: shares as whole percents, amounts without a currency (each company knows its own), hours to one place. */
export const percent = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)} %`);
export const amount = (v: number) => Math.round(v).toLocaleString('en-GB');
/** Large counts written short on a chart's axis (12K). */
const compact = new Intl.NumberFormat('en', { notation: 'compact' });
export const compactNumber = (v: number) => compact.format(v);
export const hoursFigure = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)} h`);
/** A share met, as a tone: the aim is 90 % within target. */
export const AIM = 0.9;
export const tone = (met: number | null) => (met === null ? 'muted' : met >= AIM ? 'tone-ok' : met >= 0.7 ? 'tone-warn' : 'tone-bad');
