import { redirect } from "next/navigation";

// The portal has no page of its own at the root: it opens on the Key Vault secrets page.
export default function Home(): never {
  redirect("/secrets/key-vault");
}
