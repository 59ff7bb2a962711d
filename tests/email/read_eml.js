// Reads .eml files with mailparser (nodemailer's parser) and prints, as JSON, what a mail
// program shows: subject, sender and recipients (name, address) and attachment file names.
// Used by tests/test_email_parsers.py as the parser from another ecosystem.
"use strict";
const fs = require("fs");
const { simpleParser } = require("mailparser");

function people(field) {
  if (!field) return [];
  const groups = Array.isArray(field) ? field : [field];
  return groups.flatMap((group) => group.value.map((a) => ({ name: a.name || "", address: a.address || "" })));
}

async function main() {
  const out = [];
  for (const path of process.argv.slice(2)) {
    const mail = await simpleParser(fs.readFileSync(path));
    out.push({
      subject: mail.subject || "",
      from: people(mail.from),
      to: people(mail.to),
      attachments: mail.attachments.map((a) => a.filename || ""),
      text: mail.text || "",
    });
  }
  process.stdout.write(JSON.stringify(out));
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack || error));
  process.exit(1);
});
