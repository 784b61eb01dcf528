/** A numbered schema change; the database stores each one's hash. */
export interface Migration {
  id: number
  name: string
  sql: string
}
