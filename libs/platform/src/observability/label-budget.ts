/**
 * Bounds the values one metric label may take. Client-chosen strings (GraphQL operation names)
 * would otherwise let any caller grow the registry without limit; past the budget every new
 * value is counted as `other`.
 */
export class LabelBudget {
  private readonly seen = new Set<string>();

  constructor(private readonly max: number) {}

  label(value: string): string {
    if (this.seen.has(value)) return value;
    if (this.seen.size >= this.max || !/^[\w.:()-]{1,100}$/.test(value)) return 'other';
    this.seen.add(value);
    return value;
  }
}
