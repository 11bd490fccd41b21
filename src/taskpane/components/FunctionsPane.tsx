import { Link, Text } from "@fluentui/react-components";
import { anchorOf, DOCS_URL, FUNCTIONS } from "../functionReference";

export function FunctionsPane() {
  return (
    <section aria-labelledby="functions-heading" className="pane">
      <h2 id="functions-heading">CHOKEPOINT functions</h2>
      <Text as="p" size={200}>
        Type these in any cell. The{" "}
        <Link href={DOCS_URL} target="_blank" rel="noreferrer">
          full function reference
        </Link>{" "}
        gives each function's formula, worked example, source and input rules
        .
      </Text>
      <ul className="functions" data-testid="functions">
        {FUNCTIONS.map((f) => (
          <li key={f.name}>
            <Link href={`${DOCS_URL}#${anchorOf(f.name)}`} target="_blank" rel="noreferrer">
              {f.name}
            </Link>
            <Text as="p" size={200}>
              {f.summary}
            </Text>
            <code>{f.example}</code>
          </li>
        ))}
      </ul>
    </section>
  );
}
