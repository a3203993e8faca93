using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovCloud.Web.Infrastructure.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class AgreementVoided : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "VoidReason",
                table: "ConfidentialityAgreements",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "VoidedAt",
                table: "ConfidentialityAgreements",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VoidedBy",
                table: "ConfidentialityAgreements",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Payload",
                table: "AdminRequests",
                type: "character varying(16054)",
                maxLength: 16054,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(4000)",
                oldMaxLength: 4000,
                oldNullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "VoidReason",
                table: "ConfidentialityAgreements");

            migrationBuilder.DropColumn(
                name: "VoidedAt",
                table: "ConfidentialityAgreements");

            migrationBuilder.DropColumn(
                name: "VoidedBy",
                table: "ConfidentialityAgreements");

            migrationBuilder.AlterColumn<string>(
                name: "Payload",
                table: "AdminRequests",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(16054)",
                oldMaxLength: 16054,
                oldNullable: true);
        }
    }
}
