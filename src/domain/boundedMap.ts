/**
 * A Map that keeps at most `capacity` entries, forgetting the least recently *written* first.
 * For the caches in front of the database and the parsers: a busy day must not grow them
 * without end, and the entries in use stay because in-flight conversations keep writing
 * theirs. Reads do not reorder (a delete and re-insert per read cost more than the caches save).
 */
export class BoundedMap<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  set(key: K, value: V): this {
    // a Map iterates in insertion order: re-inserting moves the key to the newest end
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as K);
    return this;
  }

  delete(key: K): boolean {
    return this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
