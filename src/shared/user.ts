/** Who did something: the roster id and the name shown beside the line. */
export interface UserRef {
  id: string
  name: string
}
