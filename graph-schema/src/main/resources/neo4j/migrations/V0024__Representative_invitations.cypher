// Issue 17, invitations to represent an association: (:Member)-[:INVITED_TO_REPRESENT {at, by}]->(:Association).
// A member's erasure removes the invitations they made, found by who made them (by = their id).
CREATE INDEX invited_to_represent_by IF NOT EXISTS FOR ()-[i:INVITED_TO_REPRESENT]-() ON (i.by);
