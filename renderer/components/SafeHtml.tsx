/**
 * Shows item content. The HTML comes ONLY from the engine's sanitizer (sanitize-html at ingest:
 * no script, handlers, active elements or javascript: URLs), and the page CSP forbids inline
 * scripts anyway; this component never receives raw feed HTML.
 */

/** Props: engine-sanitized HTML, and the accessible label of the region. */
export interface SafeHtmlProps {
  sanitizedHtml: string;
  label: string;
}

/** Renders the sanitized HTML inside a labelled region. */
export function SafeHtml({ sanitizedHtml, label }: SafeHtmlProps) {
  return (
    <div
      className="item-content"
      role="region"
      aria-label={label}
      dangerouslySetInnerHTML={{ __html: sanitizedHtml }}
    />
  );
}
