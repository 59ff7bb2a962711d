"""Reading what arrives: Word, Excel and PDF tables, headers, document metadata, the importer."""
