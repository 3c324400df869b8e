/** Who acted: a person and the department they acted for. */
export interface Actor {
  user: string;
  department: string;
}

/** This computer's person: who they are and which department they work for. */
export interface Profile {
  name: string;
  department: string;
}
