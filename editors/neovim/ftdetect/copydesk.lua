-- News articles in copydesk's own extension.
vim.filetype.add({ extension = { article = 'article' } })
