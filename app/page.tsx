import { redirect } from "next/navigation";

// The Key Vault secrets page is the first built page; the others announce themselves as not built yet.
export default function Home(): never {
  redirect("/secrets/key-vault");
}
