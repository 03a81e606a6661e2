// Choosing an option of a <select> in a component test. happy-dom does not match `:checked` on
// options, so Svelte's select binding falls back to the first enabled option on "change"; the
// options before the chosen one are disabled while the event runs, which makes that fallback the
// option a clerk would have picked.
import { fireEvent } from "@testing-library/svelte";

export async function choose(select: HTMLSelectElement, value: string): Promise<void> {
  const options = [...select.options];
  const at = options.findIndex((o) => o.value === value);
  if (at < 0) throw new Error(`no option ${value} in ${select.name}`);
  const before = options.slice(0, at).filter((o) => !o.disabled);
  before.forEach((o) => (o.disabled = true));
  select.value = value;
  await fireEvent.change(select);
  before.forEach((o) => (o.disabled = false));
}
