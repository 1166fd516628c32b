-- Drive reglement-lsp from Neovim 0.7 (headless), with the 0.7 API:
-- vim.lsp.start_client and vim.lsp.buf_attach_client.
-- Environment: REGLEMENT_LSP, REGLEMENT_DIR, REGLEMENT_OUT (see eglot.el).

local server = os.getenv("REGLEMENT_LSP")
local dir = os.getenv("REGLEMENT_DIR")
local out = {}
local diagnostics = {}

local function put(line) table.insert(out, line) end

local client_id = vim.lsp.start_client({
  cmd = { server },
  root_dir = dir,
  name = "reglement",
  flags = { debounce_text_changes = 0 },
  handlers = {
    ["textDocument/publishDiagnostics"] = function(_, result, _, _)
      diagnostics[result.uri] = result.diagnostics
    end,
  },
})
assert(client_id, "reglement-lsp did not start")
local client = vim.lsp.get_client_by_id(client_id)

local function open(name)
  vim.cmd("edit " .. dir .. "/" .. name)
  local buf = vim.api.nvim_get_current_buf()
  vim.bo[buf].filetype = "reglement"
  vim.lsp.buf_attach_client(buf, client_id)
  local uri = vim.uri_from_bufnr(buf)
  vim.wait(60000, function() return diagnostics[uri] ~= nil end, 50)
  for _, d in ipairs(diagnostics[uri] or {}) do
    put(string.format("DIAG %s %d %d %s", name, d.severity, d.range.start.line + 1,
      vim.split(d.message, "\n")[1]))
  end
  return buf
end

local function at(buf, needle, shift)
  local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  for i, l in ipairs(lines) do
    local s = string.find(l, needle, 1, true)
    if s then
      vim.api.nvim_win_set_cursor(0, { i, s - 1 + shift })
      return
    end
  end
  error("not found: " .. needle)
end

-- the example: diagnostics, a hover, a completion
local buf = open("kempen.reglement")
at(buf, "wegingskader kempen", 14)
local hover = client.request_sync("textDocument/hover", vim.lsp.util.make_position_params(), 20000, buf)
put("HOVER " .. string.gsub(hover.result.contents.value, "\n", " "))
-- right after "gemeente " in the werkingsgebied: the Flemish gemeenten not on its other lines
at(buf, "    gemeente ", 13)
local completion = client.request_sync("textDocument/completion", vim.lsp.util.make_position_params(), 20000, buf)
local items = completion.result.items or completion.result
for _, item in ipairs(items) do put("COMPLETION " .. item.label) end

-- the broken, messy copy: diagnostics, then formatting
local broken = open("kapot.reglement")
local edits = client.request_sync("textDocument/formatting",
  { textDocument = { uri = vim.uri_from_bufnr(broken) }, options = { tabSize = 4, insertSpaces = true } },
  20000, broken)
vim.lsp.util.apply_text_edits(edits.result, broken, "utf-16")
for _, l in ipairs(vim.api.nvim_buf_get_lines(broken, 0, -1, false)) do
  if string.find(l, "aandeel 25%", 1, true) then put("FORMATTED " .. l) end
end

local f = assert(io.open(os.getenv("REGLEMENT_OUT"), "w"))
f:write(table.concat(out, "\n") .. "\n")
f:close()
vim.cmd("qa!")
