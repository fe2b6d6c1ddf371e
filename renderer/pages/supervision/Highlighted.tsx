// The search words marked in a cell's text (<mark>): order No., customer and product cells of the table.
import { createContext, useContext } from 'react';
import { NO_TERMS, splitMatches, type HighlightField, type HighlightTerms } from '../../lib/highlight';

/** The table provides the current query's words; rows read them here, so a new search re-renders only the cells. */
export const HighlightContext = createContext<HighlightTerms>(NO_TERMS);

export function Highlighted({ text, field }: { text: string; field: HighlightField }) {
  const terms = useContext(HighlightContext)[field];
  if (terms.length === 0) return <>{text}</>;
  return (
    <>
      {splitMatches(text, terms).map((p, i) =>
        p.match ? (
          <mark key={i} className="hit">
            {p.text}
          </mark>
        ) : (
          p.text
        ),
      )}
    </>
  );
}
