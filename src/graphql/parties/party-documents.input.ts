// Filters of a customer's invoices and a vendor's bills (the nested connections).
import { Field, InputType } from 'type-graphql';
import { DateScalar } from '../scalars.js';
import { DocumentStatus } from '../shared/enums.js';

@InputType({ description: "A party's invoices or bills; all given conditions must hold." })
export class PartyDocumentFilter {
  @Field(() => [DocumentStatus], { nullable: true })
  status?: DocumentStatus[] | null;

  @Field(() => DateScalar, { nullable: true, description: 'Issued on or after.' })
  issueDateFrom?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Issued on or before.' })
  issueDateTo?: string | null;
}
